"""URLs under /reminders/ (signed in) and /r/ (signed links from emails)."""

app_name = "reminders"
urlpatterns: list = []
