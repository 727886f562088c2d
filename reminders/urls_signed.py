"""URLs under /r/: the confirmation pages behind the signed links in reminder emails."""

from django.urls import path

from reminders import signed_views

app_name = "signed"
urlpatterns = [
    path("<str:token>/sent/", signed_views.mark_sent, name="mark_sent"),
    path("<str:token>/snooze/<str:choice>/", signed_views.snooze, name="snooze"),
    path("<str:token>/snooze/", signed_views.snooze, {"choice": ""}, name="snooze"),
    path("<str:token>/unsubscribe/", signed_views.unsubscribe, name="unsubscribe"),
]
