"""Views of the data pages; each reads the request, calls a service and renders the answer."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from followup.portability.contact_files import MAX_BYTES, ContactFileError, guess_mapping
from followup.portability.forms import ColumnsForm, ConfirmImportForm, ContactFileForm, RestoreForm
from followup.portability.matching import NO_COMPANY, SKIP_NO_NAME
from followup.portability.models import ContactImport
from followup.portability.services.contact_imports import (
    contact_import_confirm,
    contact_import_map,
    contact_import_plan,
    contact_import_progress,
    contact_import_upload,
)
from followup.portability.services.exports import export_for_download, export_latest, export_request
from followup.portability.services.restore import MAX_BYTES as RESTORE_MAX_BYTES
from followup.portability.services.restore import RestoreError, account_is_empty, account_restore


def _export_context(request, **extra):
    export = export_latest(user=request.user)
    now = timezone.now()
    return {
        "export": export,
        "running": export is not None and export.is_running(now),
        "downloadable": export is not None and export.is_downloadable(now),
        "can_restore": account_is_empty(user=request.user),
        **extra,
    }


@require_http_methods(["GET", "POST"])
def export_page(request):
    if request.method == "POST":
        export_request(user=request.user)
        messages.success(
            request, "Your archive is being built. This page shows when it is ready, and we email you too."
        )
        return redirect("portability:export")
    return render(request, "portability/export.html", _export_context(request, restore_form=RestoreForm()))


@require_GET
def export_status(request):
    return render(request, "portability/_export_status.html", _export_context(request))


@require_GET
def download(request, pk):
    export = export_for_download(user=request.user, export_id=pk, now=timezone.now())
    if export is None:
        raise Http404("No such archive.")
    response = HttpResponse(bytes(export.archive), content_type="application/zip")
    stamp = timezone.localtime(export.created_at).strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="followup-{stamp}.zip"'
    return response


@require_POST
def restore(request):
    form = RestoreForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > RESTORE_MAX_BYTES:
                raise RestoreError("This file is larger than any followup.json Followup writes.")
            counts = account_restore(user=request.user, data=upload.read())
        except RestoreError as error:
            form.add_error("file", str(error))
        else:
            messages.success(
                request,
                f"Restored {counts['interviews']} interviews, {counts['contacts']} contacts and "
                f"{counts['letters']} letters.",
            )
            return redirect("home")
    return render(request, "portability/export.html", _export_context(request, restore_form=form), status=400)


@require_http_methods(["GET", "POST"])
def import_upload(request):
    form = ContactFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > MAX_BYTES:
                    raise ContactFileError("The file is larger than 5 MB: split it into smaller files.")
                contact_import = contact_import_upload(
                    user=request.user, data=upload.read(), filename=upload.name
                )
            except ContactFileError as error:
                form.add_error("file", str(error))
            else:
                if contact_import.state == ContactImport.State.MAPPING:
                    return redirect("portability:import_columns", contact_import.pk)
                return redirect("portability:import_preview", contact_import.pk)
        return render(request, "portability/import_upload.html", {"form": form}, status=400)
    return render(request, "portability/import_upload.html", {"form": form})


def _own_import(request, pk):
    return get_object_or_404(ContactImport.objects.defer("text"), pk=pk, user=request.user)


@require_http_methods(["GET", "POST"])
def import_columns(request, pk):
    contact_import = get_object_or_404(
        ContactImport,
        pk=pk,
        user=request.user,
        state__in=[ContactImport.State.MAPPING, ContactImport.State.PREVIEW],
    )
    headers = contact_import.headers
    form = ColumnsForm(request.POST or None, headers=headers, initial_mapping=guess_mapping(headers))
    if request.method == "POST":
        if form.is_valid():
            try:
                contact_import_map(contact_import=contact_import, mapping=form.mapping())
            except ContactFileError as error:
                form.add_error(None, str(error))
            else:
                return redirect("portability:import_preview", contact_import.pk)
        return render(
            request, "portability/import_columns.html", {"form": form, "import": contact_import}, status=400
        )
    return render(request, "portability/import_columns.html", {"form": form, "import": contact_import})


SAMPLE = 20


@require_http_methods(["GET", "POST"])
def import_preview(request, pk):
    contact_import = _own_import(request, pk)
    if contact_import.state == ContactImport.State.MAPPING:
        return redirect("portability:import_columns", contact_import.pk)
    if contact_import.state != ContactImport.State.PREVIEW:
        return render(request, "portability/import_progress.html", _progress_context(contact_import))
    form = ConfirmImportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact_import_confirm(contact_import=contact_import, existing=form.cleaned_data["existing"])
        contact_import.refresh_from_db(fields=["state", "created", "updated", "error"])
        if contact_import.state == ContactImport.State.DONE:
            messages.success(request, _done_sentence(contact_import))
            return redirect("contacts:list")
        if contact_import.state == ContactImport.State.FAILED:
            messages.error(request, contact_import.error)
            return redirect("portability:import")
        # Running in a worker (or already claimed by a double submit): the page shows its progress.
        return redirect("portability:import_preview", contact_import.pk)
    plan = contact_import_plan(contact_import=contact_import)
    context = {
        "import": contact_import,
        "form": form,
        "plan": plan,
        "new_sample": plan.new[:SAMPLE],
        "matching_sample": [m[0] for m in plan.matching[:SAMPLE]],
        "fill_count": len(plan.changes("fill")),
        "replace_count": len(plan.changes("replace")),
        "skipped": [
            (reason, count, ", ".join(str(n) for n in plan.skipped_rows[reason][:10]), count > 10)
            for reason, count in plan.skipped.items()
        ],
        "no_company": sum(1 for r in plan.new if r["company"] == NO_COMPANY),
        "no_company_name": NO_COMPANY,
        "skip_no_name": SKIP_NO_NAME,
    }
    return render(
        request, "portability/import_preview.html", context, status=400 if request.method == "POST" else 200
    )


def _done_sentence(contact_import: ContactImport) -> str:
    if not contact_import.created and not contact_import.updated:
        return "Nothing to import: every contact in the file is already here."
    return f"Imported {contact_import.created} new contacts and updated {contact_import.updated}."


def _progress_context(contact_import: ContactImport) -> dict:
    return {
        "import": contact_import,
        "percent": contact_import_progress(contact_import=contact_import),
        "done_sentence": _done_sentence(contact_import)
        if contact_import.state == ContactImport.State.DONE
        else "",
    }


@require_GET
def import_progress(request, pk):
    return render(request, "portability/_import_progress.html", _progress_context(_own_import(request, pk)))
