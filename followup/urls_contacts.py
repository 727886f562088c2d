"""URLs under /contacts/."""

from django.urls import path

from followup.views import contacts

app_name = "contacts"
urlpatterns = [
    path("", contacts.ContactListView.as_view(), name="list"),
    path("new/", contacts.ContactCreateView.as_view(), name="new"),
    path("<int:pk>/", contacts.ContactDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", contacts.ContactUpdateView.as_view(), name="edit"),
    path("<int:pk>/delete/", contacts.ContactDeleteView.as_view(), name="delete"),
]
