"""The first-run step after sign-up: name, time zone and signature, so no letter is signed by nobody."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from followup.forms.accounts import WelcomeForm
from followup.redirects import safe_next_path
from followup.services.accounts import user_complete_onboarding


def safe_next(request) -> str:
    """Where to go afterwards: the page the user first asked for, if it is a path on this site."""
    return safe_next_path(request.POST.get("next") or request.GET.get("next"), fallback="/")


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
