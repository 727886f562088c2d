"""Importing contacts through the pages: upload, columns, preview, confirm; bad files; other users' imports."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.models import Company, Contact
from followup.portability.models import ContactImport
from tests.factories import CompanyFactory, ContactFactory
from tests.portability.helpers import fixture

pytestmark = pytest.mark.django_db


def upload(client, name: str, data: bytes | None = None):
    data = fixture(name) if data is None else data
    return client.post(reverse("portability:import"), {"file": SimpleUploadedFile(name, data)})


def confirm(client, response, existing: str = "keep"):
    return client.post(response.url, {"existing": existing})


def snapshot(user):
    return sorted(
        Contact.objects.filter(user=user).values_list(
            "name", "company__name", "email", "title", "phone", "linkedin_url", "notes", "honorific"
        )
    )


def test_linkedin_file_previews_then_imports_on_confirm(signed_in, user):
    CompanyFactory(user=user, name="northwind analytics")

    response = upload(signed_in, "Connections.csv")
    assert response.status_code == 302
    preview = signed_in.get(response.url)
    assert Contact.objects.filter(user=user).count() == 0  # nothing before the user confirms
    summary = preview.content.decode()
    assert "<strong>6</strong> new contacts to add (1 without a company" in summary
    assert "<strong>1</strong> skipped: no name (row 6)" in summary

    done = confirm(signed_in, response)

    assert done.status_code == 302 and done.url == reverse("contacts:list")
    contacts = {c.name: c for c in Contact.objects.filter(user=user).select_related("company")}
    assert set(contacts) == {
        "Priya Raman",
        "Dana Whitfield",
        "Marcus Lee",
        "Aoife O'Connell",
        "José Núñez",
        '=HYPERLINK("http://evil.example") Sheet',
    }
    # Matched to the existing company by name, whatever its case; others created once.
    assert contacts["Priya Raman"].company.name == "northwind analytics"
    assert Company.objects.filter(user=user, name__iexact="Northwind Analytics").count() == 1
    assert contacts["José Núñez"].company.name == "No company"
    assert contacts["Dana Whitfield"].role == Contact.Role.RECRUITER
    followed = signed_in.get(done.url)
    assert "Imported 6 new contacts and updated 0." in followed.content.decode()


def test_importing_the_same_file_twice_changes_nothing(signed_in, user):
    confirm(signed_in, upload(signed_in, "google.vcf"))
    before = snapshot(user)
    companies = Company.objects.filter(user=user).count()

    second = upload(signed_in, "google.vcf")
    assert "<strong>0</strong> new contacts" in signed_in.get(second.url).content.decode()
    for choice in ("keep", "fill", "replace"):
        ContactImport.objects.filter(user=user).update(state=ContactImport.State.PREVIEW)
        confirm(signed_in, second, choice)
        assert snapshot(user) == before
    assert Company.objects.filter(user=user).count() == companies


def test_existing_contacts_change_only_as_the_user_chooses(signed_in, user):
    company = CompanyFactory(user=user, name="Bellweather Health")
    tomas = ContactFactory(
        user=user,
        company=company,
        name="Tomás Ortega",
        email="t.ortega@bellweather.example",
        title="EM",
        phone="",
    )
    sam = ContactFactory(user=user, company=company, name="sam okafor", email="", title="Senior Engineer")

    response = upload(signed_in, "google.vcf")
    page = signed_in.get(response.url).content.decode()
    assert "<strong>2</strong> already in your contacts" in page
    assert "Filling in would change 2; replacing would change 2." in page

    confirm(signed_in, response, "keep")
    tomas.refresh_from_db()
    assert (tomas.title, tomas.phone) == ("EM", "")

    response = upload(signed_in, "google.vcf")
    confirm(signed_in, response, "fill")
    tomas.refresh_from_db()
    sam.refresh_from_db()
    assert (tomas.title, tomas.phone) == ("EM", "+34 600 123 456")  # a blank filled, a value kept
    assert (sam.name, sam.email) == ("sam okafor", "sam.okafor@bellweather.example")

    response = upload(signed_in, "google.vcf")
    confirm(signed_in, response, "replace")
    tomas.refresh_from_db()
    assert tomas.title == "Engineering Manager"
    assert Contact.objects.filter(user=user).count() == 3  # Jonah is new; nobody duplicated


def test_a_generic_csv_goes_through_the_column_step(signed_in, user):
    response = upload(signed_in, "windows1252_semicolons.csv")
    assert response.url == reverse("portability:import_columns", args=[ContactImport.objects.get().pk])
    page = signed_in.get(response.url)
    assert "Which column holds what?" in page.content.decode()

    missing_name = signed_in.post(response.url, {"company": "1"})
    assert missing_name.status_code == 400
    assert "Choose the column that holds each contact" in missing_name.content.decode()

    mapped = signed_in.post(response.url, {"name": "0", "company": "1", "email": "2"})
    assert mapped.status_code == 302
    confirm(signed_in, mapped)
    assert snapshot(user)[0][:3] == ("Renée Fournier", "Café Lumière Studios", "renee@cafe-lumiere.example")


@pytest.mark.parametrize(
    ("name", "data", "sentence"),
    [
        ("empty.csv", b"", "The file is empty"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 8, "cannot be read"),
        ("notes.txt", b"Call Priya on Monday", "Followup cannot read this file"),
        ("big.csv", b"Name,Email\r\n" + b"A,a@example.com\r\n" * 400_000, "larger than 5 MB"),
        ("broken.csv", b"Name,Company\r\nZo\x81e,Acme\r\n", "cannot be read"),
        (
            "nobody.vcf",
            b"BEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL:x@example.com\r\nEND:VCARD\r\n",
            "no contacts with a name",
        ),
    ],
)
def test_bad_files_are_refused_with_one_sentence_and_no_change(signed_in, user, name, data, sentence):
    response = upload(signed_in, name, data)

    assert response.status_code == 400
    assert sentence in response.content.decode()
    assert not ContactImport.objects.exists()
    assert not Contact.objects.exists()


def test_another_users_import_is_not_found(signed_in, other_user):
    theirs = Client()
    theirs.force_login(other_user)
    upload(theirs, "apple.vcf")
    pk = ContactImport.objects.get().pk

    for url in ("import_preview", "import_columns", "import_progress"):
        assert signed_in.get(reverse(f"portability:{url}", args=[pk])).status_code == 404
    assert (
        signed_in.post(reverse("portability:import_preview", args=[pk]), {"existing": "keep"}).status_code
        == 404
    )
    assert not Contact.objects.exists()


def test_the_preview_runs_a_constant_number_of_queries(signed_in, user, django_assert_max_num_queries):
    company = CompanyFactory(user=user)
    Contact.objects.bulk_create(
        [Contact(user=user, company=company, name=f"Person{i} Example") for i in range(300)]
    )
    response = upload(signed_in, "Connections.csv")

    with django_assert_max_num_queries(6):
        assert signed_in.get(response.url).status_code == 200


@pytest.mark.parametrize("name", ["contacts.csv", "contacts.vcf", "Connections.csv"])
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    data=st.one_of(
        st.binary(max_size=3000),
        st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.text(max_size=1500).map(
            lambda t: ("BEGIN:VCARD\r\nVERSION:3.0\r\n" + t).encode("utf-8", "surrogatepass")
        ),
        st.text(max_size=1500).map(
            lambda t: ("First Name,Last Name,URL\r\n" + t).encode("utf-8", "surrogatepass")
        ),
    )
)
def test_random_bytes_never_cause_a_server_error(signed_in, name, data):
    response = upload(signed_in, name, data)

    assert response.status_code in (302, 400)
    if response.status_code == 302:
        follow = signed_in.get(response.url)
        assert follow.status_code == 200
        if "columns" not in response.url:
            assert signed_in.post(response.url, {"existing": "replace"}).status_code in (200, 302, 400)


def test_an_empty_linkedin_export_says_it_holds_no_contacts(signed_in):
    data = b'Notes:\r\n"Some notes"\r\n\r\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n'

    response = upload(signed_in, "Connections.csv", data)

    assert response.status_code == 400
    assert "This file holds no contacts." in response.content.decode()


def test_an_exported_vcard_file_imports_back_into_another_account(signed_in, user, other_user):
    from django.utils import timezone

    from followup.portability.files import archive_files
    from followup.portability.services.dump import account_dump

    company = CompanyFactory(user=other_user, name="Café Lumière Studios")
    ContactFactory(
        user=other_user,
        company=company,
        name="Élodie Gagnon",
        honorific="Ms.",
        title="Studio Director",
        email="elodie@cafe-lumiere.example",
        phone="+1 514 555 0100",
        notes="Met at a meetup; twice.",
        linkedin_url="https://www.linkedin.com/in/elodie",
    )
    vcf = archive_files(account_dump(user=other_user, now=timezone.now()))["contacts.vcf"]

    confirm(signed_in, upload(signed_in, "contacts.vcf", vcf))

    assert snapshot(user) == snapshot(other_user)
