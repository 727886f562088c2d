"""Signed links in reminder emails: each names one reminder (or user) and one action, and expires."""

import datetime as dt
import hashlib

from django.conf import settings
from django.core import signing
from django.urls import reverse

MAX_AGE = dt.timedelta(days=30)

# One salt per action, so a snooze link's token can never be replayed as a mark-sent or unsubscribe one.
MARK_SENT, SNOOZE, UNSUBSCRIBE = "mark-sent", "snooze", "unsubscribe"
_SALTS = {action: f"reminders.link.{action}" for action in (MARK_SENT, SNOOZE, UNSUBSCRIBE)}


class BadLink(Exception):
    """The link was tampered with, has expired, or belongs to another action."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def make_token(action: str, payload: dict) -> str:
    return signing.dumps(payload, salt=_SALTS[action], compress=True)


def token_digest(token: str) -> str:
    """What is stored of a used link: enough to know it again, nothing to rebuild it from."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def read_token(action: str, token: str) -> dict:
    try:
        payload = signing.loads(token, salt=_SALTS[action], max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise BadLink("This link has expired: links in reminder emails work for 30 days.") from None
    except signing.BadSignature:
        raise BadLink("This link is not valid. It may have been cut short when it was copied.") from None
    if not isinstance(payload, dict):
        raise BadLink("This link is not valid.")
    return payload


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


# Digits fit both <int:…> and <str:…> routes; no route of ours has a run of ten nines of its own.
_STAND_IN = "9999999999"


def _route(name: str) -> tuple[str, str]:
    """The absolute link of a route of one argument, split where the argument goes."""
    head, found, tail = reverse(name, args=[_STAND_IN]).rpartition(_STAND_IN)
    if not found:
        raise ValueError(f"{name!r} does not take one argument")
    return absolute(head), tail


class EmailLinks:
    """The absolute links a reminder email holds, for as many emails as are built with it.

    An email holds half a dozen links, and reverse() matched each one's pattern afresh at more cost
    than signing its token: the routes are reversed once, here, and each link is its argument (an id,
    a signed token, neither needing quoting) put in its route's place.
    """

    def __init__(self) -> None:
        self._routes = {
            name: _route(name)
            for name in (
                "signed:mark_sent",
                "signed:snooze",
                "signed:unsubscribe",
                "letters:edit",
                "interviews:detail",
            )
        }

    def _link(self, name: str, arg: int | str) -> str:
        head, tail = self._routes[name]
        return f"{head}{arg}{tail}"

    def mark_sent(self, *, reminder_id: int, contact_id: int) -> str:
        return self._link("signed:mark_sent", make_token(MARK_SENT, {"r": reminder_id, "c": contact_id}))

    def snooze(self, *, reminder_id: int, sequence: int) -> str:
        """`sequence` names the email the link is in: only the newest email's snooze link can act."""
        return self._link("signed:snooze", make_token(SNOOZE, {"r": reminder_id, "s": sequence}))

    def unsubscribe(self, *, user_id: int) -> str:
        return self._link("signed:unsubscribe", make_token(UNSUBSCRIBE, {"u": user_id}))

    def letter(self, letter_id: int) -> str:
        """The letter's editor (Letter.get_absolute_url)."""
        return self._link("letters:edit", letter_id)

    def interview(self, interview_id: int) -> str:
        """The interview's page (Interview.get_absolute_url)."""
        return self._link("interviews:detail", interview_id)


def mark_sent_url(*, reminder_id: int, contact_id: int) -> str:
    return EmailLinks().mark_sent(reminder_id=reminder_id, contact_id=contact_id)


def snooze_url(*, reminder_id: int, sequence: int) -> str:
    return EmailLinks().snooze(reminder_id=reminder_id, sequence=sequence)


def unsubscribe_url(*, user_id: int) -> str:
    return EmailLinks().unsubscribe(user_id=user_id)
