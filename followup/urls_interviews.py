"""URLs under /interviews/."""

app_name = "interviews"
urlpatterns: list = []
