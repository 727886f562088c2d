"""URLs under /companies/."""

from django.urls import path

from followup.views import companies

app_name = "companies"
urlpatterns = [
    path("", companies.CompanyListView.as_view(), name="list"),
    path("new/", companies.CompanyCreateView.as_view(), name="new"),
    path("<int:pk>/", companies.CompanyDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", companies.CompanyUpdateView.as_view(), name="edit"),
    path("<int:pk>/delete/", companies.CompanyDeleteView.as_view(), name="delete"),
]
