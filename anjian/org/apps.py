from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "anjian.org"
    verbose_name = "组织机构 / Organisation"
