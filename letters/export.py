"""A letter leaving Followup: a mailto: link, an .eml draft, and the parts of a printed business letter."""

import datetime as dt
import re
from dataclasses import dataclass
from email import policy
from email.errors import HeaderDefect, HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import make_msgid
from urllib.parse import quote

from django.utils.text import slugify

from letters import compose
from letters.models import Letter

# A greeting line as people write it: "Dear Dr. Singh," "Hello," "Hi Amara,".
_GREETING_LINE = re.compile(
    r"^(dear|hello|hi|good (morning|afternoon|evening))\b.{0,120}[,:]$", re.IGNORECASE
)


def _one_line(text: str) -> str:
    return compose.one_line(text)


def _crlf(text: str) -> str:
    return "\r\n".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def letter_mailto(letter: Letter) -> str:
    """mailto: the person, with the subject and body filled in; every character percent-encoded."""
    address = _one_line(letter.contact.email)
    # RFC 6068: the address keeps "@"; everything else, and the whole subject and body, is percent-encoded,
    # so a newline, "?" or "&" in any of them can add no header to the link.
    return (
        f"mailto:{quote(address, safe='@')}"
        f"?subject={quote(_one_line(letter.subject), safe='')}"
        f"&body={quote(_crlf(letter.body), safe='')}"
    )


def _address(name: str, email: str) -> Address | None:
    """A header-safe address: Address quotes the name (commas, angle brackets) and refuses line breaks."""
    name, email = _one_line(name), _one_line(email)
    if not email:
        return None
    try:
        return Address(display_name=name, addr_spec=email)
    except (ValueError, IndexError, HeaderParseError, HeaderDefect):
        # Not an address a mail app could use; the draft opens without it and the user types one in.
        return None


def letter_eml(letter: Letter, *, now: dt.datetime) -> bytes:
    """An unsent email draft (X-Unsent: 1) that mail apps open ready to send."""
    message = EmailMessage(policy=policy.SMTP)
    to = _address(letter.contact.name, letter.contact.email)
    if to is not None:
        message["To"] = to
    user = letter.user
    sender = _address(user.full_name, user.email)
    if sender is not None:
        message["From"] = sender
    message["Subject"] = _one_line(letter.subject)
    message["Date"] = now.astimezone(user.zone)
    message["Message-ID"] = make_msgid(domain="followup.invalid")
    message["X-Unsent"] = "1"
    message.set_content(letter.body, subtype="plain", charset="utf-8", cte="quoted-printable")
    # Headers are folded only past RFC 5322's hard limit: Python's folding at 78 can move a subject onto
    # a continuation line, which mail apps then read with a leading space. The body is already encoded.
    return message.as_bytes(policy=policy.SMTP.clone(max_line_length=998))


def letter_eml_filename(letter: Letter) -> str:
    stem = slugify(f"{letter.interview.company.name} {letter.contact.name} {letter.get_kind_display()}")
    return f"{stem[:100].strip('-') or 'letter'}.eml"


@dataclass(frozen=True)
class PrintedLetter:
    """The parts of a business letter; an empty part is left out of the page, never filled in."""

    sender_lines: list[str]
    date: dt.date
    recipient_lines: list[str]
    greeting: str
    body: str


def _sender_lines(full_name: str, signature: str) -> list[str]:
    """The letterhead: the writer's name, then their signature block (which may hold an address)."""
    lines = [line.strip() for line in signature.splitlines() if line.strip()]
    name = _one_line(full_name)
    if name and (not lines or lines[0].casefold() != name.casefold()):
        lines.insert(0, name)
    return lines


def letter_printed(letter: Letter, *, today: dt.date) -> PrintedLetter:
    contact = letter.contact
    recipient = compose.Recipient(
        name=contact.name, honorific=contact.honorific, address_style=contact.address_style
    )
    lines = letter.body.strip().splitlines()
    first = lines[0].strip() if lines else ""
    greeting = compose.print_greeting(recipient, letter.tone)
    if first in {compose.greeting(recipient, t) for t in (compose.FORMAL, compose.FRIENDLY)}:
        lines = lines[1:]
    elif _GREETING_LINE.match(first):
        # The user wrote their own greeting; it is theirs to keep.
        greeting, lines = first, lines[1:]
    name = _one_line(f"{contact.honorific} {contact.name}")
    return PrintedLetter(
        sender_lines=_sender_lines(letter.user.full_name, letter.user.signature),
        date=letter.sent_on or today,
        recipient_lines=[
            line
            for line in (name, _one_line(contact.title), _one_line(letter.interview.company.name))
            if line
        ],
        greeting=greeting,
        body="\n".join(lines).strip("\n"),
    )
