"""Root URLs: the wiring above the followup, letters and reminders apps."""

from django.contrib import admin
from django.urls import include, path

from followup import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
