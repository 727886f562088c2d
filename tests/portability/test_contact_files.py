"""Reading contact files: LinkedIn, vCards from three address books, generic CSVs, encodings and bad input."""

import pytest

from followup.portability.contact_files import (
    MAX_ROWS,
    ContactFileError,
    decode,
    guess_mapping,
    parse_mapped_csv,
    read_contact_file,
)
from tests.portability.helpers import fixture, linkedin_file


def test_linkedin_connections_skip_the_note_lines_before_the_header():
    parsed = read_contact_file(fixture("Connections.csv"))

    assert parsed.kind == "linkedin"
    first = parsed.records[0]
    assert first["name"] == "Priya Raman"
    assert first["email"] == "priya.raman@northwind.example"
    assert first["company"] == "Northwind Analytics"
    assert first["title"] == "Director of Engineering"
    assert first["linkedin_url"] == "https://www.linkedin.com/in/priya-raman-example"
    assert first["notes"] == "Connected on LinkedIn on 2025-02-14."
    assert parsed.records[2]["title"] == "Head of Platform, Payments"
    assert parsed.records[4]["name"] == "José Núñez"
    assert [r["name"] for r in parsed.records].count("") == 1


def test_apple_vcard_with_folded_lines_escapes_and_an_honorific():
    records = read_contact_file(fixture("apple.vcf")).records

    assert [r["name"] for r in records] == ["Priya Raman", "Élodie Gagnon"]
    priya = records[0]
    assert priya["honorific"] == "Dr."
    assert priya["company"] == "Northwind Analytics"
    assert priya["linkedin_url"] == "https://www.linkedin.com/in/priya-raman-example"
    assert priya["notes"] == "Met at the data meetup, spoke about\nstreaming pipelines."
    assert priya["phone"] == "+1 (555) 010-4477"


def test_google_vcards_several_cards_some_without_a_company():
    records = read_contact_file(fixture("google.vcf")).records

    assert [(r["name"], r["company"]) for r in records] == [
        ("Tomás Ortega", "Bellweather Health"),
        ("Sam Okafor", "Bellweather Health"),
        ("Jonah Becker", ""),
    ]


def test_outlook_vcard_2_1_with_quoted_printable_and_soft_line_breaks():
    records = read_contact_file(fixture("outlook.vcf")).records

    assert records[0]["notes"] == "Second interview on the routing team; asked about our équipe in Montréal."
    assert records[0]["email"] == "fatima@orbitalfreight.example"
    assert records[1]["name"] == "Roså Lindqvist"


def test_vcard_4_with_a_tel_uri():
    record = read_contact_file(fixture("v4.vcf")).records[0]

    assert (record["name"], record["phone"], record["company"]) == (
        "Kai Nakamura-Ruiz",
        "+1-514-555-0112",
        "Café Lumière Studios",
    )


def test_a_generic_csv_waits_for_its_columns_with_a_guess_from_the_header():
    parsed = read_contact_file(fixture("google_contacts.csv"))

    assert parsed.kind == "csv"
    mapping = guess_mapping(parsed.headers)
    assert mapping == {"first_name": 1, "last_name": 2, "email": 3, "company": 4, "title": 5, "phone": 6}
    records = parse_mapped_csv(parsed.text, mapping)
    assert records[0]["name"] == "Ingrid Holm"
    assert records[1]["company"] == "O'Brien Public Library Network"


def test_windows_1252_with_semicolons_and_utf_16_are_read():
    cp1252 = read_contact_file(fixture("windows1252_semicolons.csv"))
    records = parse_mapped_csv(cp1252.text, {"name": 0, "company": 1, "email": 2})
    assert records[1]["name"] == "Renée Fournier"
    assert records[1]["company"] == "Café Lumière Studios"

    utf16 = read_contact_file(fixture("utf16.csv"))
    assert utf16.headers == ["Full name", "Company", "Email"]
    assert parse_mapped_csv(utf16.text, {"name": 0})[0]["name"] == "Élodie Gagnon"


@pytest.mark.parametrize(
    ("data", "sentence"),
    [
        (b"", "The file is empty"),
        (b"   \r\n", "The file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "characters cannot be read"),
        (b"just one line of words", "Followup cannot read this file"),
        (b"Name,Email,Company\r\n", "a header row but no contacts"),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n", "no contacts"),
        (b"x" * (5 * 1024 * 1024 + 1), "larger than 5 MB"),
        (linkedin_file(MAX_ROWS + 1), "more than 20,000 contacts"),
    ],
    ids=["empty", "blank", "binary", "one-line", "header-only", "empty-vcard", "too-big", "too-many-rows"],
)
def test_bad_files_get_one_clear_sentence(data, sentence):
    with pytest.raises(ContactFileError) as raised:
        read_contact_file(data)
    message = str(raised.value)
    assert sentence in message
    assert message.count(". ") == 0 and message.endswith(".")


def test_bytes_invalid_in_every_candidate_encoding_are_refused():
    # 0x81 is undefined in Windows-1252 and starts no UTF-8 sequence.
    with pytest.raises(ContactFileError):
        decode(b"Name,Company\r\nA\x81,B\r\n")
