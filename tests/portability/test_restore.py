"""followup.json restores into an empty account exactly: the demo account round-trips row for row."""

import datetime as dt
import json

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.demo import build_demo
from followup.management.commands.demo import DEMO_EXTENSIONS
from followup.models import Company, Contact
from followup.portability.schema import SECTIONS
from followup.portability.services.dump import account_dump
from followup.portability.services.restore import RestoreError, account_restore
from tests.factories import CompanyFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC)


@pytest.fixture
def demo_user():
    with time_machine.travel(NOW, tick=False):
        return build_demo(extensions=DEMO_EXTENSIONS, password="demo-password-1", now=NOW).user


def normalised(data: dict) -> dict:
    """The dump with every id replaced by the row's position in its list (both are in id order)."""
    positions = {s.key: {row["id"]: i for i, row in enumerate(data[s.key])} for s in SECTIONS}
    out = {"user": data["user"]}
    for section in SECTIONS:
        rows = []
        for row in data[section.key]:
            row = dict(row, id=positions[section.key][row["id"]])
            for link, target in section.links.items():
                row[link] = positions[target][row[link]]
            rows.append(row)
        out[section.key] = rows
    return out


def test_the_demo_account_round_trips_every_row(demo_user):
    exported = account_dump(user=demo_user, now=NOW)
    empty = UserFactory(time_zone="UTC", full_name="")

    counts = account_restore(user=empty, data=json.dumps(exported).encode())

    restored = account_dump(user=empty, now=NOW)
    assert counts["interviews"] == len(exported["interviews"]) > 5
    assert counts["letters"] == len(exported["letters"]) > 5
    assert counts["reminders"] == len(exported["reminders"]) > 0
    before, after = normalised(exported), normalised(restored)
    for key in before:
        assert after[key] == before[key], key
    # The original account is untouched and still its own.
    assert account_dump(user=demo_user, now=NOW) == exported


def test_restore_is_refused_into_an_account_with_data(signed_in, user, demo_user):
    CompanyFactory(user=user, name="Already here")
    data = json.dumps(account_dump(user=demo_user, now=NOW)).encode()

    response = signed_in.post(
        reverse("portability:restore"), {"file": SimpleUploadedFile("followup.json", data)}
    )

    assert response.status_code == 400
    assert "a file is restored only into an empty account" in response.content.decode()
    assert list(Company.objects.filter(user=user).values_list("name", flat=True)) == ["Already here"]


@pytest.mark.parametrize(
    ("content", "sentence"),
    [
        (b"\x00\x01 not json", "This is not a followup.json file"),
        (b'{"format": "something-else"}', "This is not a followup.json file"),
        (b'{"format": "followup-export", "version": 99}', "newer Followup"),
        (
            b'{"format": "followup-export", "version": 1, "user": {}, "companies": [{"id": 1, "name": "A"}],'
            b' "contacts": [{"id": 2, "company": 7, "name": "B"}]}',
            "damaged or incomplete",
        ),
        (
            b'{"format": "followup-export", "version": 1, "user": {"time_zone": "Mars/Olympus"}}',
            "damaged or incomplete",
        ),
    ],
)
def test_a_bad_file_restores_nothing(signed_in, user, content, sentence):
    response = signed_in.post(
        reverse("portability:restore"), {"file": SimpleUploadedFile("followup.json", content)}
    )

    assert response.status_code == 400
    assert sentence in response.content.decode()
    assert not Company.objects.filter(user=user).exists()
    assert not Contact.objects.filter(user=user).exists()


def test_the_page_offers_restore_only_to_an_empty_account(signed_in, user):
    assert "Restore from an export" in signed_in.get(reverse("portability:export")).content.decode()
    CompanyFactory(user=user)
    assert "Restore from an export" not in signed_in.get(reverse("portability:export")).content.decode()


def test_restore_through_the_page(signed_in, user, demo_user):
    data = json.dumps(account_dump(user=demo_user, now=NOW)).encode()

    response = signed_in.post(
        reverse("portability:restore"), {"file": SimpleUploadedFile("followup.json", data)}
    )

    assert response.status_code == 302
    assert Contact.objects.filter(user=user).count() == Contact.objects.filter(user=demo_user).count()


def test_restore_raises_for_an_account_with_data_even_without_the_page(user):
    CompanyFactory(user=user)
    with pytest.raises(RestoreError):
        account_restore(user=user, data=b'{"format": "followup-export", "version": 1, "user": {}}')


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
ROW = st.fixed_dictionaries(
    {"id": st.integers(1, 3), "company": st.integers(1, 3)}, optional={"name": json_values}
)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    content=st.one_of(
        st.binary(max_size=500),
        st.builds(
            lambda user, companies, contacts, extra: json.dumps(
                {
                    "format": "followup-export",
                    "version": 1,
                    "user": user,
                    "companies": companies,
                    "contacts": contacts,
                    **extra,
                }  # fmt: skip
            ).encode(),
            st.dictionaries(
                st.sampled_from(["full_name", "time_zone", "country", "reminder_hour"]), json_values
            ),
            st.lists(ROW, max_size=3),
            st.lists(ROW, max_size=3),
            st.dictionaries(st.sampled_from(["interviews", "letters", "participants"]), json_values),
        ),
    )
)
def test_random_files_never_cause_a_server_error(signed_in, user, content):
    response = signed_in.post(
        reverse("portability:restore"), {"file": SimpleUploadedFile("followup.json", content)}
    )

    assert response.status_code in (302, 400)
    if response.status_code == 302:  # it restored: empty the account for the next example
        Company.objects.filter(user=user).delete()
