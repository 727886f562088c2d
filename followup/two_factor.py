"""What second factors a user has set up (allauth.mfa keeps them), in words for the settings page."""

from allauth.mfa.models import Authenticator

from followup.models import User

# In the order the settings page names them; recovery codes are a fallback, not a way in of their own.
_NAMES = {
    Authenticator.Type.TOTP: "a code from your authenticator app",
    Authenticator.Type.WEBAUTHN: "a passkey",
}


def user_second_factor_types(*, user: User) -> set[str]:
    """ "totp", "webauthn", "recovery_codes": one query, whatever the number of passkeys."""
    return set(Authenticator.objects.filter(user=user).values_list("type", flat=True).distinct())


def user_second_factors(*, user: User) -> list[str]:
    types = user_second_factor_types(user=user)
    return [name for kind, name in _NAMES.items() if kind in types]
