"""From an invite's event to the interview form's first values, matched against the user's companies and
contacts (lists already loaded by the form): pure, no queries."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from followup.calendar_import import InviteEvent, company_name_from_domain
from followup.models import Company, Contact

# The form takes at most this many people; an invite to a whole team is cut to the first ones.
PEOPLE_LIMIT = 20


def _website_domain(website: str) -> str:
    host = (urlsplit(website if "//" in website else f"//{website}").hostname or "").casefold()
    return host.removeprefix("www.")


def _domain_matches(domain: str, company_domain: str) -> bool:
    return bool(company_domain) and (domain == company_domain or domain.endswith("." + company_domain))


def invite_company(
    *, event: InviteEvent, companies: Sequence[Company], contacts: Sequence[Contact]
) -> tuple[Company | None, str]:
    """The user's company this invite is with, or None and a name to suggest ("" when nothing says)."""
    by_email = {c.email.casefold(): c for c in contacts if c.email}
    votes: Counter[int] = Counter()
    for person in event.people:
        contact = by_email.get(person.email.casefold())
        if contact is not None:
            votes[contact.company_id] += 1
    companies_by_id = {c.pk: c for c in companies}
    if votes:
        return companies_by_id[votes.most_common(1)[0][0]], ""
    for domain in event.domains:
        for company in companies:
            if _domain_matches(domain, _website_domain(company.website)):
                return company, ""
        for contact in contacts:
            if contact.email and _domain_matches(domain, contact.email.rpartition("@")[2].casefold()):
                return companies_by_id.get(contact.company_id, contact.company), ""
    named = event.company_name.casefold()
    for company in companies:
        if named and company.name.casefold() == named:
            return company, ""
    for company in sorted(companies, key=lambda c: -len(c.name)):
        if len(company.name) >= 3 and re.search(
            rf"(?<!\w){re.escape(company.name)}(?!\w)", event.summary, re.I
        ):
            return company, ""
    if event.company_name:
        return None, event.company_name
    for domain in event.domains:
        suggested = company_name_from_domain(domain)
        if suggested:
            return None, suggested
    return None, ""


def invite_form_values(
    *, event: InviteEvent, companies: Sequence[Company], contacts: Sequence[Contact]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The interview form's initial values and its people rows for this event."""
    company, suggested = invite_company(event=event, companies=companies, contacts=contacts)
    initial: dict[str, Any] = {
        "company_name": company.name if company is not None else suggested,
        "role": event.role,
        "round": event.round,
        "format": event.format,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "location": event.location_or_link,
        "invite_uid": event.key,
        "invite_sequence": event.sequence,
    }
    by_email = {c.email.casefold(): c for c in contacts if c.email}
    rows: list[dict[str, Any]] = []
    for person in event.people[:PEOPLE_LIMIT]:
        contact = by_email.get(person.email.casefold())
        if contact is not None:
            rows.append({"contact": str(contact.pk)})
        else:
            rows.append({"name": person.name, "email": person.email})
    return initial, rows
