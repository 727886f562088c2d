"""What second factors a user has set up (allauth.mfa keeps them), in words for the settings page."""

from allauth.mfa.models import Authenticator

from followup.models import User

# In the order the settings page names them; recovery codes are a fallback, not a way in of their own.
_NAMES = {
    Authenticator.Type.TOTP: "a code from your authenticator app",
    Authenticator.Type.WEBAUTHN: "a passkey",
}


def user_second_factors(*, user: User) -> list[str]:
    """One query, whatever the number of passkeys."""
    types = set(Authenticator.objects.filter(user=user).values_list("type", flat=True).distinct())
    return [name for kind, name in _NAMES.items() if kind in types]
