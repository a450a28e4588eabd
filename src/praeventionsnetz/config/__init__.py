"""Settings from the environment, URLs, WSGI and ASGI entry points."""
