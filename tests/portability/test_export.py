"""The export archive of the demo account, opened back with csv, vobject and icalendar; who may download it."""

import csv
import datetime as dt
import io
import json
import zipfile

import icalendar
import pytest
import time_machine
import vobject
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from followup.demo import build_demo
from followup.management.commands.demo import DEMO_EXTENSIONS
from followup.models import Contact, Interview
from followup.portability.models import ContactImport, DataExport
from followup.portability.services.exports import export_build, export_request, portability_purge
from letters.models import Letter
from tests.factories import CompanyFactory, ContactFactory, InterviewFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC)


@pytest.fixture
def demo_user():
    with time_machine.travel(NOW, tick=False):
        return build_demo(extensions=DEMO_EXTENSIONS, password="demo-password-1", now=NOW).user


def build(user) -> DataExport:
    export = export_request(user=user)
    export_build(export_id=export.pk, now=NOW)
    export.refresh_from_db()
    return export


def archive(export: DataExport) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(bytes(export.archive))) as z:
        return {name.split("/", 1)[1]: z.read(name) for name in z.namelist()}


def read_csv(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_archive_holds_every_file_and_each_opens_back(demo_user):
    export = build(demo_user)
    files = archive(export)

    assert export.state == DataExport.State.READY and export.percent == 100
    data = json.loads(files["followup.json"])
    assert (data["format"], data["version"]) == ("followup-export", 1)
    interviews = Interview.objects.filter(user=demo_user)
    letters = Letter.objects.filter(user=demo_user)
    assert letters.count() > 5
    assert {i["id"] for i in data["interviews"]} == set(interviews.values_list("pk", flat=True))

    rows = read_csv(files["interviews.csv"])
    assert len(rows) == interviews.count()
    first = interviews.order_by("pk").select_related("company").first()
    row = next(r for r in rows if r["id"] == str(first.pk))
    assert row["company"] == first.company.name
    assert dt.datetime.fromisoformat(row["starts_at"]) == first.starts_at.replace(second=0, microsecond=0)
    assert row["starts_at"].endswith(("-05:00", "-04:00"))  # the demo user lives in New York
    assert len(read_csv(files["contacts.csv"])) == Contact.objects.filter(user=demo_user).count()
    letter_rows = read_csv(files["letters.csv"])
    assert len(letter_rows) == letters.count()
    assert {r["body"] for r in letter_rows} == set(letters.values_list("body", flat=True))

    cards = list(vobject.readComponents(files["contacts.vcf"].decode("utf-8")))
    assert len(cards) == Contact.objects.filter(user=demo_user).count()
    names = {card.fn.value for card in cards}
    assert "Élodie Gagnon" in names and "Aoife O'Connell" in names
    assert all(card.version.value == "4.0" for card in cards)

    calendar = icalendar.Calendar.from_ical(files["interviews.ics"])
    events = calendar.walk("VEVENT")
    assert len(events) == interviews.count()
    event = next(e for e in events if str(e["UID"]) == f"interview-{first.pk}@followup")
    assert event.decoded("DTSTART") == first.starts_at
    assert str(event["SUMMARY"]) == f"{first.role} at {first.company.name}"

    texts = [name for name in files if name.startswith("letters/")]
    assert len(texts) == letters.count()
    letter = letters.first()
    text = next(files[n] for n in texts if n.endswith(f"-{letter.pk}.txt")).decode()
    assert text.startswith(f"Subject: {letter.subject}\n\n") and letter.body.strip() in text


def test_cells_that_would_run_as_formulas_are_neutralised(user):
    company = CompanyFactory(user=user, name='=HYPERLINK("http://evil.example")')
    ContactFactory(
        user=user, company=company, name="@SUM(A1)", title="-2+3", phone="+1 555 0100", notes="plain"
    )
    files = archive(build(user))

    row = read_csv(files["contacts.csv"])[0]
    assert row["name"] == "'@SUM(A1)"
    assert row["company"] == '\'=HYPERLINK("http://evil.example")'
    assert (row["title"], row["phone"], row["notes"]) == ("'-2+3", "'+1 555 0100", "plain")
    # followup.json keeps the text as it is.
    assert json.loads(files["followup.json"])["contacts"][0]["name"] == "@SUM(A1)"


def test_the_owner_is_emailed_a_link_and_only_the_owner_can_download(client, user, other_user):
    user.time_zone = "Asia/Kolkata"  # a half-hour offset: the time in the email cannot be UTC's by chance
    user.save()
    ParticipantFactory(interview=InterviewFactory(user=user), contact=ContactFactory(user=user))
    export = build(user)

    message = mail.outbox[-1]
    assert message.to == [user.email]
    expires = export.expires_at.astimezone(user.zone)
    assert f"{expires:%H:%M}" in message.body
    assert "http://testserver/settings/data/" in message.body
    url = reverse("portability:download", args=[export.pk])
    client.force_login(other_user)
    assert client.get(url).status_code == 404
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert zipfile.ZipFile(io.BytesIO(response.content)).testzip() is None


def test_an_archive_expires_after_a_day_and_is_purged(client, user):
    export = build(user)
    ContactImport.objects.create(user=user, kind="vcard")
    client.force_login(user)
    url = reverse("portability:download", args=[export.pk])

    with time_machine.travel(timezone.now() + dt.timedelta(hours=23)):
        assert client.get(url).status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(hours=25)):
        assert client.get(url).status_code == 404
        assert portability_purge(now=timezone.now()) == (1, 1)
    assert not DataExport.objects.exists() and not ContactImport.objects.exists()


def test_the_page_shows_progress_and_then_the_download(client, user, django_assert_max_num_queries):
    client.force_login(user)
    response = client.post(reverse("portability:export"))
    assert response.status_code == 302
    export = DataExport.objects.get(user=user)
    # A second click while it builds starts nothing new.
    client.post(reverse("portability:export"))
    assert DataExport.objects.filter(user=user).count() == 1

    status = client.get(reverse("portability:export_status"), headers={"HX-Request": "true"})
    assert 'hx-trigger="every 1s"' in status.content.decode()
    assert "Building your archive… 0%" in status.content.decode()

    export_build(export_id=export.pk, now=NOW)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("portability:export"))
    assert "Your archive is ready" in page.content.decode()
    assert "every 1s" not in page.content.decode()


def test_a_build_lost_with_its_worker_does_not_block_a_new_one(client, user):
    client.force_login(user)
    lost = export_request(user=user)
    DataExport.objects.filter(pk=lost.pk).update(
        state=DataExport.State.BUILDING, created_at=timezone.now() - dt.timedelta(minutes=40)
    )
    page = client.get(reverse("portability:export")).content.decode()
    assert "did not finish" in page and "every 1s" not in page

    fresh = export_request(user=user)

    assert fresh.pk != lost.pk
    export_build(export_id=fresh.pk, now=NOW)
    assert list(DataExport.objects.values_list("pk", flat=True)) == [fresh.pk]  # the lost one is cleared away
