"""Template helpers for showing a person's letters on the interview page and the dashboard.

Core views never import letters, so a page can load the letters' status itself, in one query:
{% load letters_tags %}
{% letter_status_for interviews as letter_status %}   (one interview or many)
{% letters_for letter_status interview contact as person_letters %}
{% include "letters/_person_letters.html" with letters=person_letters interview=interview contact=contact %}
"""

from collections.abc import Iterable

from django import template

from letters.models import Letter
from letters.selectors import LetterStatus, letters_status_for_interviews

register = template.Library()


def _pk(obj) -> int | None:
    return obj if isinstance(obj, int) or obj is None else obj.pk


@register.simple_tag
def letter_status_for(interviews) -> LetterStatus:
    """letters_status_for_interviews for one interview or an iterable of them: one query."""
    if interviews is None or interviews == "":
        return {}
    if not isinstance(interviews, Iterable):
        interviews = [interviews]
    return letters_status_for_interviews(interviews=interviews)


@register.simple_tag
def letters_for(letter_status, interview, contact) -> dict[str, Letter]:
    """One person's {kind: Letter} from letters.selectors.letters_status_for_interviews; {} if none."""
    if not letter_status:
        return {}
    return letter_status.get((_pk(interview), _pk(contact)), {})


@register.simple_tag
def letter_kinds() -> list[tuple[str, str]]:
    """Every kind of letter, as (value, label), in the order a person receives them."""
    return list(Letter.Kind.choices)


@register.filter
def letter_of_kind(letters, kind: str) -> Letter | None:
    """The letter of this kind in a {kind: Letter} dict, or None."""
    return letters.get(kind) if letters else None


@register.simple_tag
def letter_kinds_missing(letters) -> list[tuple[str, str]]:
    """The kinds of letter not yet drafted for a person, as (value, label), for "New letter" buttons."""
    letters = letters or {}
    return [(kind, label) for kind, label in Letter.Kind.choices if kind not in letters]
