"""Root URLs: the wiring above the followup, letters and reminders apps."""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from followup.views import calendar, health, welcome
from followup.wiring import dashboard

# The admin signs in through allauth's page, with its rate limits and second factor, instead of a form of
# its own that nothing throttles.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]  # allauth's way

urlpatterns = [
    path("", dashboard.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("welcome/", welcome.welcome, name="welcome"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("interviews/", include("followup.urls_interviews")),
    path("", include("followup.portability.urls")),
    path("contacts/", include("followup.urls_contacts")),
    path("companies/", include("followup.urls_companies")),
    path("settings/", include("followup.urls_settings")),
    path("letters/", include("letters.urls")),
    path("reminders/", include("reminders.urls")),
    path("r/", include("reminders.urls_signed")),
    path("calendar/<str:token>.ics", calendar.feed, name="calendar_feed"),
]
