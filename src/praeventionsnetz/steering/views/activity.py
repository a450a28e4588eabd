"""Pages: activity (to come)."""

urlpatterns: list = []
