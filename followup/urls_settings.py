"""URLs under /settings/."""

from django.urls import path

from followup.views import calendar, settings

app_name = "settings"
urlpatterns = [
    path("", settings.profile, name="profile"),
    path("delete/", settings.delete_account, name="delete_account"),
    path("calendar/", calendar.calendar_settings, name="calendar"),
]
