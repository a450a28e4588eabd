"""Pages: committees (to come)."""

urlpatterns: list = []
