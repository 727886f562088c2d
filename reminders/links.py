"""Signed links in reminder emails: each names one reminder (or user) and one action, and expires."""

import datetime as dt
import functools
import hashlib

from django.conf import settings
from django.core import signing
from django.urls import get_script_prefix, get_urlconf, reverse

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


@functools.lru_cache(maxsize=32)
def _route(name: str, urlconf: str, script_prefix: str) -> tuple[str, str]:
    head, found, tail = reverse(name, urlconf=urlconf, args=[_STAND_IN]).rpartition(_STAND_IN)
    if not found:
        raise ValueError(f"{name!r} does not take one argument")
    return head, tail


def path(name: str, arg: int | str) -> str:
    """reverse(name, args=[arg]) for a route of one argument that needs no quoting (an id, a signed token).

    A reminder email holds half a dozen links, and reverse() matched its pattern afresh for each, at
    more cost than signing the token: each route is reversed once (per URLconf and script prefix) with
    a stand-in, and a link is the real argument put in its place.
    """
    head, tail = _route(name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    return f"{head}{arg}{tail}"


def mark_sent_url(*, reminder_id: int, contact_id: int) -> str:
    token = make_token(MARK_SENT, {"r": reminder_id, "c": contact_id})
    return absolute(path("signed:mark_sent", token))


def snooze_url(*, reminder_id: int, sequence: int) -> str:
    """`sequence` names the email the link is in: only the newest email's snooze link can act."""
    token = make_token(SNOOZE, {"r": reminder_id, "s": sequence})
    return absolute(path("signed:snooze", token))


def unsubscribe_url(*, user_id: int) -> str:
    return absolute(path("signed:unsubscribe", make_token(UNSUBSCRIBE, {"u": user_id})))
