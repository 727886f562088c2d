"""URLs under /contacts/."""

app_name = "contacts"
urlpatterns: list = []
