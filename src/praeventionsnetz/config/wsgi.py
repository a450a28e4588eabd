import os

from django.core.wsgi import get_wsgi_application

from praeventionsnetz.config.heap import freeze_startup_heap

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "praeventionsnetz.config.settings")
# A web server never runs without a real SECRET_KEY (see settings.SERVES_WEB).
os.environ["PRAEVENTIONSNETZ_WEB"] = "1"
application = get_wsgi_application()
freeze_startup_heap()
