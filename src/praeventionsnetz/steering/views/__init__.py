"""Pages of M5 steering, one module per part; each module lists its own `urlpatterns`."""
