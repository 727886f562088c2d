"""URLs under /interviews/."""

from django.urls import path

from followup.views import calendar, interviews, invites

app_name = "interviews"
urlpatterns = [
    path("", interviews.InterviewListView.as_view(), name="list"),
    path("new/", interviews.interview_new, name="new"),
    path("contacts/", interviews.contact_search, name="contact_search"),
    path("<int:pk>/", interviews.InterviewDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", interviews.interview_edit, name="edit"),
    path("<int:pk>/delete/", interviews.InterviewDeleteView.as_view(), name="delete"),
    path("<int:pk>/status/", interviews.interview_status, name="status"),
    path("<int:pk>/invite/move/", invites.invite_move, name="invite_move"),
    path("<int:pk>/invite/cancel/", invites.invite_cancel, name="invite_cancel"),
    path("<int:pk>/calendar.ics", calendar.interview_ics, name="ics"),
]
