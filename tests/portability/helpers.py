"""Fixture files of this folder, and small helpers for the portability tests."""

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def linkedin_file(rows: int) -> bytes:
    """A Connections.csv as LinkedIn writes it, with `rows` people at 200 companies."""
    lines = [
        "Notes:",
        '"When exporting your connection data, some email addresses may be missing."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    for i in range(rows):
        lines.append(
            f"Person{i},Example,https://www.linkedin.com/in/person-{i},person{i}@example.com,"
            f"Company {i % 200},Engineer,05 Mar 2024"
        )
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")
