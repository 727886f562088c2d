"""vCard: writing 4.0 cards for the export, and reading the 2.1, 3.0 and 4.0 cards of address books."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

import vobject

UID_NAMESPACE = uuid.UUID("7b0f4f7e-3d1c-4d6a-9a57-2f1f3c1e5a10")


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace("\n", "\\n")
        .replace("\r", "")
        .replace(",", "\\,")
        .replace(";", "\\;")
    )


def fold(line: str) -> str:
    """Splits a content line into pieces of at most 75 octets, never inside a UTF-8 character (RFC 6350 3.2)."""
    pieces, current, size = [], "", 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, 74  # continuation lines start with a space
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def contact_uid(contact_id: int) -> str:
    return f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, f'contact-{contact_id}')}"


def vcard_for(contact: Mapping[str, Any], *, company: str) -> str:
    """One contact (a followup.json row) as a vCard 4.0."""
    name = str(contact["name"])
    given, _, family = name.rpartition(" ")
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"UID:{contact_uid(int(contact['id']))}",
        f"FN:{_escape(name)}",
        f"N:{_escape(family)};{_escape(given)};;{_escape(str(contact.get('honorific') or ''))};",
    ]
    if company:
        lines.append(f"ORG:{_escape(company)}")
    for prop, key in (("TITLE", "title"), ("EMAIL", "email"), ("TEL", "phone"), ("NOTE", "notes")):
        if contact.get(key):
            lines.append(f"{prop}:{_escape(str(contact[key]))}")
    if contact.get("linkedin_url"):
        lines.append(f"URL:{contact['linkedin_url']}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def vcards(contacts: Iterable[Mapping[str, Any]], *, companies: Mapping[int, str]) -> str:
    return "".join(vcard_for(c, company=companies.get(int(c["company"]), "")) for c in contacts)


# --- Reading ------------------------------------------------------------------------------------------


# vCard 2.1 (Outlook, old phones) writes quoted-printable values whose soft line breaks end in "=";
# vobject reads only RFC folding, so those lines are joined first.
def _join_quoted_printable(text: str) -> str:
    out: list[str] = []
    in_qp = False
    for line in text.splitlines():
        if in_qp:
            out[-1] = out[-1][:-1] + line
        else:
            out.append(line)
        head = out[-1].split(":", 1)[0].upper()
        in_qp = "QUOTED-PRINTABLE" in head and out[-1].endswith("=")
    return "\r\n".join(out) + "\r\n"


def _value(prop: vobject.base.ContentLine) -> str:
    # vobject has already undone quoted-printable (with the card's CHARSET) and RFC escaping.
    value = prop.value
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value).strip()


def _first(card: vobject.base.Component, name: str) -> str:
    props = card.contents.get(name.lower(), [])

    # A property marked preferred comes first, as address books mean it to.
    def rank(prop: vobject.base.ContentLine) -> int:
        types = [t.upper() for t in prop.params.get("TYPE", [])]
        return 0 if "PREF" in types or prop.params.get("PREF") else 1

    for prop in sorted(props, key=rank):
        text = _value(prop)
        if text:
            return text
    return ""


def _org(card: vobject.base.Component) -> str:
    for prop in card.contents.get("org", []):
        value = prop.value
        parts = value if isinstance(value, list) else str(value).split(";")
        for part in parts:
            if str(part).strip():
                return str(part).strip()
    return ""


def _name(card: vobject.base.Component) -> tuple[str, str]:
    """The full name and honorific: FN when there is one, otherwise N put together."""
    prefix, built = "", ""
    for prop in card.contents.get("n", []):
        n = prop.value
        if isinstance(n, str):  # a quoted-printable N is left as text by vobject
            fields = (_value(prop).split(";") + [""] * 5)[:5]
            family, given, additional, prefix, _suffix = (f.strip() for f in fields)
        else:
            family, given, additional = (
                " ".join(x) if isinstance(x, list) else x for x in (n.family, n.given, n.additional)
            )
            prefix = " ".join(n.prefix) if isinstance(n.prefix, list) else n.prefix
        built = " ".join(p for p in (given, additional, family) if p and p.strip())
        break
    name, prefix = (_first(card, "fn") or built).strip(), (prefix or "").strip()
    if prefix and name.startswith(prefix + " "):
        name = name[len(prefix) + 1 :]
    return name, prefix


class VCardError(ValueError):
    pass


def read_vcards(text: str) -> list[dict[str, str]]:
    """Every card in an address-book file, as plain records (name, honorific, email, company, …)."""
    records = []
    try:
        for card in vobject.readComponents(_join_quoted_printable(text), ignoreUnreadable=True):
            if card.name != "VCARD":
                continue
            name, honorific = _name(card)
            linkedin = ""
            for prop in card.contents.get("url", []):
                url = _value(prop)
                if "linkedin.com" in url.lower() and not linkedin:
                    linkedin = url
            records.append(
                {
                    "name": name,
                    "honorific": honorific,
                    "email": _first(card, "email"),
                    "phone": _first(card, "tel").removeprefix("tel:"),
                    "company": _org(card),
                    "title": _first(card, "title"),
                    "linkedin_url": linkedin,
                    "notes": _first(card, "note"),
                }
            )
    except Exception as error:  # vobject raises its own ParseError and assorted ValueErrors
        raise VCardError(str(error)) from error
    return records
