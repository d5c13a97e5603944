from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "anjian.security"
    verbose_name = "安全（等保三级）"
