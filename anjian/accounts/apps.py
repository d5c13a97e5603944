from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "anjian.accounts"
    verbose_name = "用户与权限 / People"
