from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "anjian.notify"
    verbose_name = "消息通知 / Notifications"
