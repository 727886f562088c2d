"""The app's URLs plus /bench/trivial/: the base layout for the signed-in user and no query of its own."""

from django.shortcuts import render
from django.urls import include, path


def trivial(request):
    """The floor every page stands on: middleware, session, user, and the base layout rendered."""
    return render(request, "base.html")


urlpatterns = [
    path("bench/trivial/", trivial, name="bench-trivial"),
    path("", include("followup.urls")),
]
