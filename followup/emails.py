"""Renders an email from three templates (<name>_subject.txt, <name>_message.txt, <name>_message.html)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def email_render(
    *,
    template: str,
    context: dict,
    to: list[str],
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    """Builds a text-and-HTML message from emails/<template>_{subject,message}.{txt,html}."""
    # A subject is one line however the template (or a value inside it) was written.
    subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
    text = render_to_string(f"emails/{template}_message.txt", context)
    html = render_to_string(f"emails/{template}_message.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=to, headers=headers or {}
    )
    message.attach_alternative(html, "text/html")
    return message
