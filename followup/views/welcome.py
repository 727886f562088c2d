"""The first-run step after sign-up: name, time zone and signature, so no letter is signed by nobody."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from followup.forms.accounts import WelcomeForm
from followup.services.accounts import user_complete_onboarding


def safe_next(request) -> str:
    """Where to go afterwards: the page the user first asked for, if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@require_http_methods(["GET", "POST"])
def welcome(request):
    user = request.user
    if request.method == "POST":
        form = WelcomeForm(request.POST)
        if form.is_valid():
            user_complete_onboarding(user=user, **form.cleaned_data)
            messages.success(request, "All set. Next: record an interview and the people you met.")
            return HttpResponseRedirect(safe_next(request))
    else:
        form = WelcomeForm(
            initial={"full_name": user.full_name, "time_zone": user.time_zone, "signature": user.signature},
            # Someone who already set a zone (coming back to this page) keeps it.
            guess_time_zone=user.time_zone == "UTC",
        )
    return render(request, "followup/welcome.html", {"form": form, "next": safe_next(request)})
