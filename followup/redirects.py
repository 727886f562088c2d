"""Where a form goes back to afterwards (`next`): a path on this site, or the page's own fallback."""

from __future__ import annotations

import unicodedata

from django.utils.encoding import iri_to_uri
from django.utils.http import url_has_allowed_host_and_scheme

# Longer than any page of ours with its query string; anything longer is not one of our links.
NEXT_MAX = 2000


def _is_plain_character(char: str) -> bool:
    # Control, format and unassigned characters (NUL, CR, LF, bidi marks) and whitespace cannot be in a
    # header, and a backslash is read as a slash by browsers ("/\evil.example" is another site).
    return not (unicodedata.category(char).startswith("C") or char.isspace() or char == "\\")


def safe_next_path(value: object, *, fallback: str) -> str:
    """`value` when it is a path on this site (with its query string), percent-encoded; else `fallback`.

    Only a path starting with a single "/" is taken: a bare word such as "abc" would otherwise be
    looked up as a URL name, and "//host" or a scheme leads to another site.
    """
    if not isinstance(value, str) or not value or len(value) > NEXT_MAX:
        return fallback
    if not value.startswith("/") or value.startswith("//"):
        return fallback
    if not all(_is_plain_character(char) for char in value):
        return fallback
    if not url_has_allowed_host_and_scheme(value, allowed_hosts=None):
        return fallback
    return iri_to_uri(value)
