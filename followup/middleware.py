"""Request middleware: the user's own time zone, sign-in outside public pages, the first-run step."""

import zoneinfo
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django_htmx.http import HttpResponseClientRedirect


class UserTimeZoneMiddleware:
    """Shows every time in the signed-in user's zone; stored times stay UTC."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)


class LoginRequiredMiddleware:
    """Sends signed-out visitors to sign in (and back) from every page that is not public."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        is_public = path in settings.PUBLIC_PATHS or path.startswith(settings.PUBLIC_PATH_PREFIXES)
        if not is_public and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)


class OnboardingMiddleware:
    """Sends a signed-in user who has not finished the first-run step to /welcome/, and back afterwards.

    Sign-in, sign-out and email pages (/accounts/), the signed email links (/r/), the health check,
    static files and the admin stay reachable, so nobody is locked out of their account or a reminder.
    """

    EXEMPT_PREFIXES = ("/welcome/", "/accounts/", "/r/", "/healthz", "/static/", "/admin/", "/calendar/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.onboarded_at is None
            and not request.path_info.startswith(self.EXEMPT_PREFIXES)
        ):
            return self.redirect(request)
        return self.get_response(request)

    def redirect(self, request):
        url = reverse("welcome")
        # Only a page that can be opened again is worth returning to; a form post is not.
        if request.method in ("GET", "HEAD"):
            url = f"{url}?{urlencode({'next': request.get_full_path()}, safe='/')}"
        if getattr(request, "htmx", False):
            # htmx would swap the welcome page into a fragment; ask it to load the whole page instead.
            return HttpResponseClientRedirect(url)
        return HttpResponseRedirect(url)
