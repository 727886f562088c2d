"""URLs under /letters/."""

from django.urls import path

from letters import views

app_name = "letters"
urlpatterns = [
    path("new/<int:interview_id>/<int:contact_id>/<str:kind>/", views.new, name="new"),
    path("<int:pk>/", views.edit, name="edit"),
    path("<int:pk>/checklist/", views.checklist, name="checklist"),
    path("<int:pk>/regenerate/", views.regenerate, name="regenerate"),
    path("<int:pk>/restore/", views.restore, name="restore"),
    path("<int:pk>/eml/", views.eml, name="eml"),
    path("<int:pk>/print/", views.print_view, name="print"),
    path("<int:pk>/sent/", views.mark_sent, name="mark_sent"),
    path("<int:pk>/unsent/", views.mark_unsent, name="mark_unsent"),
]
