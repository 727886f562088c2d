"""The settings page (profile and reminder preferences) and deleting the account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from followup.forms.accounts import DeleteAccountForm, ProfileForm
from followup.models import User
from followup.services.accounts import PREFERENCE_FIELDS, user_delete_account, user_update_preferences
from followup.services.deletion import deletion_counts, join_words
from followup.two_factor import user_second_factors
from followup.views.calendar import calendar_context


@require_http_methods(["GET", "POST"])
def profile(request):
    # The form edits a copy, so a rejected form never leaves half-applied values on request.user and
    # the service compares the new values with the stored ones.
    instance = User.objects.get(pk=request.user.pk)
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=instance)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in PREFERENCE_FIELDS}
            changed = user_update_preferences(user=request.user, data=data)
            messages.success(request, "Saved your settings." if changed else "Nothing changed.")
            return redirect("settings:profile")
    else:
        form = ProfileForm(instance=instance)
    return render(
        request,
        "followup/settings/profile.html",
        {"form": form, "two_factor": user_second_factors(user=request.user), **calendar_context(instance)},
    )


@require_http_methods(["GET", "POST"])
def delete_account(request):
    user = request.user
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        user_delete_account(user=user)
        logout(request)
        messages.success(request, "Your account and everything in it have been deleted. Good luck out there.")
        return redirect("/")
    # The user's own data; allauth's email rows and the admin's log go too, but are not news to anyone.
    summary = deletion_counts(user).only_apps("followup", "letters", "reminders")
    return render(
        request,
        "followup/settings/delete_account.html",
        {"form": form, "what_goes": join_words(summary.parts())},
    )
