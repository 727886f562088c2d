"""The signed-in home page: the wiring that gathers interviews (and, later, letters and reminders)."""

from django.shortcuts import render
from django.utils import timezone

from followup.selectors import dashboard_data
from followup.views.interviews import mark_shown_status, status_buttons


def dashboard(request):
    now = timezone.now()
    data = dashboard_data(user=request.user, now=now)
    mark_shown_status([*data.today, *data.upcoming, *data.recent], now)
    context = {"data": data, "now": now, "status_buttons": status_buttons()}
    return render(request, "followup/dashboard.html", context)
