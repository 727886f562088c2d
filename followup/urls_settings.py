"""URLs under /settings/."""

app_name = "settings"
urlpatterns: list = []
