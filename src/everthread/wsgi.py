import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "everthread.settings")
application = get_wsgi_application()
# Every view and the API's schemas are loaded now, as each worker starts, instead of on its
# first request: building them takes seconds, and the first webhooks would wait for them.
get_resolver().url_patterns  # noqa: B018
