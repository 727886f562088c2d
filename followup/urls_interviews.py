"""URLs under /interviews/."""

from django.urls import path

from followup.views import interviews

app_name = "interviews"
urlpatterns = [
    path("", interviews.InterviewListView.as_view(), name="list"),
    path("new/", interviews.interview_new, name="new"),
    path("<int:pk>/", interviews.InterviewDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", interviews.interview_edit, name="edit"),
    path("<int:pk>/delete/", interviews.InterviewDeleteView.as_view(), name="delete"),
    path("<int:pk>/status/", interviews.interview_status, name="status"),
]
