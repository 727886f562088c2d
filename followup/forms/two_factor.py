"""allauth's passkey form in the words the rest of the app uses."""

from allauth.mfa.webauthn.forms import AddWebAuthnForm
from django.core.validators import MaxLengthValidator

NAME_MAX_LENGTH = 60


class AddPasskeyForm(AddWebAuthnForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = "Name"
        self.fields["name"].help_text = "Say where it lives, such as “Phone” or “Work laptop”."
        self.fields["name"].validators.append(MaxLengthValidator(NAME_MAX_LENGTH))
        self.fields["name"].widget.attrs["maxlength"] = NAME_MAX_LENGTH
        if "passwordless" in self.fields:
            self.fields["passwordless"].label = "Also sign in with it alone, without the password"
            self.fields["passwordless"].help_text = (
                "Your device then asks for your fingerprint, face or PIN each time. Leave it off to use "
                "the key only as the second step after your password."
            )
