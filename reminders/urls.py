"""URLs under /reminders/ (signed in)."""

from django.urls import path

from reminders import views

app_name = "reminders"
urlpatterns = [
    path("", views.reminder_list, name="list"),
    path("<int:pk>/snooze/", views.snooze, name="snooze"),
    path("<int:pk>/dismiss/", views.dismiss, name="dismiss"),
    path("<int:pk>/retry/", views.retry, name="retry"),
]
