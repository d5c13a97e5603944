"""WSGI entry point for gunicorn or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anjian.settings")
application = get_wsgi_application()

# A host holding another secret key or tip-off identity key than the database's fails to boot here (the error
# names the setting), instead of signing sessions or sealing reporters with a key no other host has.
from anjian.security.secretkey import refuse_a_foreign_secret_key  # noqa: E402 - needs the apps loaded above
from anjian.tipoffs.sealing import refuse_a_foreign_key  # noqa: E402

refuse_a_foreign_secret_key()
refuse_a_foreign_key()
