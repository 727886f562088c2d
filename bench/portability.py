"""Your data: a 20,000-row LinkedIn import into a fresh account, and the heavy user's export archive.

The import is timed as the user meets it: reading the upload, the preview (which matches every row against
the account's contacts), and the one-transaction import; then the same file again, which must change nothing.
"""

from __future__ import annotations

import time

IMPORT_EMAIL = "bench-import@followup.example"
ROWS = 20_000


def linkedin_file(rows: int) -> bytes:
    lines = [
        "Notes:",
        '"When exporting your connection data, some email addresses may be missing."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    for i in range(rows):
        email = f"person{i}@example.com" if i % 3 else ""
        lines.append(
            f"Person{i},Example,https://www.linkedin.com/in/person-{i},{email},Company {i % 1500},"
            f"Engineer,05 Mar 2024"
        )
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _timed(fn):
    started = time.perf_counter()
    result = fn()
    return result, round(time.perf_counter() - started, 2)


def measure(heavy_email: str) -> dict:
    from django.utils import timezone

    from followup.models import Contact, User
    from followup.portability.models import ContactImport, DataExport
    from followup.portability.services.contact_imports import (
        contact_import_apply,
        contact_import_plan,
        contact_import_upload,
    )
    from followup.portability.services.exports import export_build

    User.objects.filter(email=IMPORT_EMAIL).delete()
    user = User.objects.create_user(
        IMPORT_EMAIL, password=None, full_name="Bench Import", onboarded_at=timezone.now()
    )
    data = linkedin_file(ROWS)
    results: dict = {"rows": ROWS, "megabytes": round(len(data) / 1e6, 2)}

    def one_import() -> dict:
        contact_import, upload = _timed(
            lambda: contact_import_upload(user=user, data=data, filename="Connections.csv")
        )
        plan, preview = _timed(lambda: contact_import_plan(contact_import=contact_import))
        ContactImport.objects.filter(pk=contact_import.pk).update(state=ContactImport.State.IMPORTING)
        _, apply = _timed(lambda: contact_import_apply(import_id=contact_import.pk))
        contact_import.refresh_from_db()
        return {
            "upload_s": upload,
            "preview_s": preview,
            "import_s": apply,
            "total_s": round(upload + preview + apply, 2),
            "new": len(plan.new),
            "created": contact_import.created,
        }

    results["first"] = one_import()
    results["again"] = one_import()
    results["contacts_after"] = Contact.objects.filter(user=user).count()
    User.objects.filter(pk=user.pk).delete()

    heavy = User.objects.get(email=heavy_email)
    export = DataExport.objects.create(user=heavy)
    _, seconds = _timed(lambda: export_build(export_id=export.pk))
    export.refresh_from_db()
    results["export"] = {"seconds": seconds, "state": export.state, "megabytes": round(export.size / 1e6, 2)}
    DataExport.objects.filter(pk=export.pk).delete()
    return results
