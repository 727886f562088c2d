"""Random bytes as an invite never cause a server error: the reader says why in one sentence, and the
page answers 4xx or the filled-in form."""

import datetime as dt
import pathlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.calendar_import import InviteError, invite_events

pytestmark = pytest.mark.django_db

INVITES = pathlib.Path(__file__).parent / "invites"
SAMPLES = [path.read_bytes() for path in sorted(INVITES.iterdir())]
NOW = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


def _mangled(sample: bytes, cut: int, noise: bytes) -> bytes:
    """A real invite with random bytes spliced in: closer to what breaks a parser than pure noise."""
    at = cut % (len(sample) + 1)
    return sample[:at] + noise + sample[at:]


invites = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=2000).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.builds(_mangled, st.sampled_from(SAMPLES), st.integers(min_value=0), st.binary(max_size=200)),
    st.builds(
        lambda text: f"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n{text}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".encode(
            "utf-8", "surrogatepass"
        ),
        st.text(max_size=500),
    ),
)


@settings(max_examples=300, deadline=None)
@given(data=invites)
def test_the_reader_only_ever_raises_a_sentence_for_the_user(data):
    try:
        events = invite_events(data, own_emails=["me@example.com"], zone=dt.UTC, now=NOW)
    except InviteError as error:
        assert error.message.endswith(".")
        assert "\n" not in error.message
    else:
        assert events
        for event in events:
            assert event.ends_at > event.starts_at
            assert event.starts_at.tzinfo is not None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=invites, as_file=st.booleans())
def test_random_invites_never_give_a_server_error(signed_in, data, as_file):
    if as_file:
        post = {"import_invite": "1", "invite_file": SimpleUploadedFile("invite.ics", data)}
    else:
        post = {"import_invite": "1", "invite_text": data.decode("utf-8", "replace").replace("\x00", "")}

    response = signed_in.post("/interviews/new/", post)

    assert response.status_code in (200, 302, 400)
