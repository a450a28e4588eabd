"""Pages: measures (to come)."""

urlpatterns: list = []
