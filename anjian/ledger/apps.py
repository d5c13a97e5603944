from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "anjian.ledger"
    verbose_name = "台账 / Ledger"
