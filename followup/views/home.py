"""The home page (landing or dashboard) and the health check."""

from django.conf import settings
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
    # Not a check: the address links in emails use, so an operator can see it matches where the app is.
    return JsonResponse(
        {"status": "ok" if healthy else "failing", **report, "site_url": settings.SITE_URL},
        status=200 if healthy else 503,
    )
