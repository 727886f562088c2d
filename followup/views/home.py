"""The home page (landing or dashboard) and the health check."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from followup.dashboard import dashboard
from followup.health import health_report


def home(request):
    if not request.user.is_authenticated:
        return render(request, "followup/landing.html")
    return dashboard(request)


@never_cache
@require_GET
def healthz(request):
    healthy, report = health_report()
    return JsonResponse({"status": "ok" if healthy else "failing", **report}, status=200 if healthy else 503)
