"""With a real Celery worker: the archive is built in the background and emailed; a long import runs there too."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from followup.celery import app
from followup.models import Contact
from followup.portability.models import ContactImport, DataExport
from tests.factories import ContactFactory, InterviewFactory, ParticipantFactory
from tests.portability.helpers import linkedin_file
from tests.waiting import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_archive_is_built_by_a_worker_shown_on_the_page_and_emailed(
    celery_process, smtp_sink, client, user
):
    app.control.purge()
    ParticipantFactory(interview=InterviewFactory(user=user), contact=ContactFactory(user=user))
    client.force_login(user)
    worker = celery_process("worker", EMAIL_URL=smtp_sink.url)

    assert client.post(reverse("portability:export")).status_code == 302
    status_url = reverse("portability:export_status")
    wait_for(
        lambda: "Your archive is ready" in client.get(status_url).content.decode(),
        timeout=90,
        what="the archive",
        log=worker.log,
    )
    wait_for(lambda: smtp_sink.messages, what="the email", log=worker.log)

    message = smtp_sink.messages[0].message
    assert message["To"] == user.email
    text = message.get_body(("plain",)).get_content()
    link = re.search(r"http://\S+/settings/data/", text).group(0)
    assert link.endswith(reverse("portability:export"))
    export = DataExport.objects.get(user=user)
    response = client.get(reverse("portability:download", args=[export.pk]))
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert any(name.endswith("/followup.json") for name in names)
    assert len([n for n in names if "/letters/" in n]) == 0  # the interview has not ended yet


def test_a_long_import_runs_in_the_worker_with_progress(celery_process, client, user):
    app.control.purge()
    client.force_login(user)
    worker = celery_process("worker")
    upload = client.post(
        reverse("portability:import"), {"file": SimpleUploadedFile("Connections.csv", linkedin_file(1500))}
    )

    confirmed = client.post(upload.url, {"existing": "keep"})

    assert confirmed.status_code == 302 and confirmed.url == upload.url
    page = client.get(upload.url).content.decode()
    assert "Importing" in page or "Imported 1500 new contacts" in page
    contact_import = ContactImport.objects.get(user=user)
    progress_url = reverse("portability:import_progress", args=[contact_import.pk])
    wait_for(
        lambda: "Imported 1500 new contacts" in client.get(progress_url).content.decode(),
        timeout=90,
        what="the import",
        log=worker.log,
    )
    assert Contact.objects.filter(user=user).count() == 1500
