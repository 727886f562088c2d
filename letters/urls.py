"""URLs under /letters/."""

app_name = "letters"
urlpatterns: list = []
