"""URLs under /companies/."""

app_name = "companies"
urlpatterns: list = []
