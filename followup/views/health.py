"""The health check."""

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from followup.health import health_report


@never_cache
@require_GET
def healthz(request):
    healthy, report = health_report()
    # Not a check: the address links in emails use, so an operator can see it matches where the app is.
    return JsonResponse(
        {"status": "ok" if healthy else "failing", **report, "site_url": settings.SITE_URL},
        status=200 if healthy else 503,
    )
