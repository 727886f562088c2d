"""Request middleware: each user's own time zone, and sign-in required outside the public pages."""

import zoneinfo

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.utils import timezone


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
    """Placeholder until the first-run step exists: lets every request through."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
