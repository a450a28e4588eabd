"""Pages: meetings (to come)."""

urlpatterns: list = []
