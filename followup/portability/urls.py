"""URLs of the data pages: /settings/data/ (export and restore) and /contacts/import/."""

from django.urls import path

from followup.portability import views

app_name = "portability"
urlpatterns = [
    path("settings/data/", views.export_page, name="export"),
    path("settings/data/status/", views.export_status, name="export_status"),
    path("settings/data/<int:pk>/download/", views.download, name="download"),
    path("settings/data/restore/", views.restore, name="restore"),
    path("contacts/import/", views.import_upload, name="import"),
    path("contacts/import/<int:pk>/columns/", views.import_columns, name="import_columns"),
    path("contacts/import/<int:pk>/", views.import_preview, name="import_preview"),
    path("contacts/import/<int:pk>/progress/", views.import_progress, name="import_progress"),
]
