"""WSGI entry point, for management tooling; the app itself is served over ASGI by daphne."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthassistant.settings")

application = get_wsgi_application()
