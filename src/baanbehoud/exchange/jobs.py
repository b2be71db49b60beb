"""The import and the export as background jobs (issue 14 §3): the pages start them, the worker
(or, without a task queue, the request itself) runs them, the job page shows how far they are."""

from __future__ import annotations

import io
from typing import Any

from baanbehoud.jobs.models import Job
from baanbehoud.jobs.registry import JobRefused, Outcome, register
from baanbehoud.organisations.scoping import organisations_for
from baanbehoud.progress import Progress

from .exporter import export_logged
from .importer import COUNTED, ImportResult, import_document
from .models import ImportBatch, ImportUndo

LIST_LABELS = {
    "organisations": "Organisaties", "consultants": "Contactpersonen", "employers": "Werkgevers",
    "vacancies": "Vacatures",
    "persons": "Personen", "placements": "Plaatsingen", "contracts": "Contracten",
    "intentions": "Voornemens van werkgevers", "contacts": "Contactmomenten",
    "evaluations": "Evaluaties", "jobcoaching": "Jobcoachtrajecten", "hours_buildup": "Urenopbouw",
    "concerns": "Zorgsignalen", "provisions": "Voorzieningen",
    "load_assessments": "Beoordelingen belastbaarheid", "sick_reports": "Ziekmeldingen",
    "referrals": "Doorverwijzingen naar het buurtteam", "wage_values": "Loonwaardemetingen",
    "pretrajectories": "Voortrajecten", "werkfit_checks": "Werkfit-checklists",
}  # fmt: skip


COUNT_COLUMNS = ("created", "updated", "unchanged")


def count_rows(result: ImportResult) -> list[dict[str, Any]]:
    """Per kind of record, not one sum of unlike records ("820 nieuw"): the preview's table and
    the finished job's."""
    return [
        {"label": LIST_LABELS[name], **{k: result.counts[name][k] for k in COUNT_COLUMNS}}
        for name in COUNTED
        if name in result.counts
    ]


@register("import-check")
def run_import_check(job: Job, progress: Progress) -> Outcome:
    """Read an uploaded file and try it without keeping anything (a dry run): the problems, or
    what the import would change. The import page shows the outcome; a clean file waits as an
    ImportBatch for the administrator to confirm."""
    from django.urls import reverse

    from baanbehoud.untrusted import UntrustedJSONError, loads

    from .spreadsheet import SpreadsheetError, import_spreadsheet

    batch = ImportBatch.objects.filter(
        pk=job.params.get("batch"), uploaded_by=job.started_by
    ).first()
    if batch is None or batch.upload is None:
        raise JobRefused("Het bestand is er niet meer. Laad het opnieuw.")
    content, name = bytes(batch.upload), batch.filename
    page = reverse("import") + f"?controle={job.pk}"
    try:
        if name.lower().endswith(".json"):
            document = loads(content.decode("utf-8-sig"))
            result = import_document(document, user=job.started_by, dry_run=True, progress=progress)
            problems = [str(p) for p in result.problems]
        else:
            progress.stage("Bestand lezen", 0)
            document, result, problems = import_spreadsheet(
                name, content, user=job.started_by, dry_run=True
            )
    except (SpreadsheetError, ValueError) as exc:
        batch.delete()
        message = (
            str(exc) if isinstance(exc, SpreadsheetError | UntrustedJSONError)
            else "Dit is geen geldige JSON."
        )  # fmt: skip
        return Outcome(summary=message, result={"error": message, "next": page})
    if problems:
        batch.delete()
        return Outcome(
            summary=f"Niet te importeren: {len(problems)} problemen.",
            result={"problems": problems, "filename": name, "next": page},
        )
    batch.document, batch.upload = document, None
    batch.save(update_fields=["document", "upload"])
    return Outcome(
        summary="Het bestand is gecontroleerd.",
        result={
            "batch": batch.pk,
            "filename": name,
            "rows": count_rows(result),
            "warnings": [str(w) for w in result.warnings],
            "next": page,
        },
    )


@register("import")
def run_import(job: Job, progress: Progress) -> Outcome:
    """Write a checked upload (an ImportBatch), all or nothing, and keep its journal for undo."""
    if job.started_by is None:
        raise JobRefused("Een import wordt altijd door iemand gestart.")
    batch = ImportBatch.objects.filter(
        pk=job.params.get("batch"), uploaded_by=job.started_by
    ).first()
    if batch is None:
        raise JobRefused(
            "Het bestand is er niet meer: een gecontroleerd bestand wacht hoogstens een dag. "
            "Laad het opnieuw."
        )
    # Handed over: the batch is deleted after a good import, and not saved again after a bad one.
    result = import_document(
        batch.document, user=job.started_by, progress=progress, hand_over=True, undoable=True
    )
    if not result.ok:  # the data changed between the check and now
        raise JobRefused(
            "De import is niet gelukt; er is niets opgeslagen. Intussen is er iets veranderd "
            "waardoor het bestand niet meer klopt. Laad het opnieuw."
        )
    batch.delete()
    undo = ImportUndo.objects.create(
        done_by=job.started_by, filename=batch.filename, journal=result.journal
    )
    rows = count_rows(result)
    changed = sum(row["created"] + row["updated"] for row in rows)
    return Outcome(
        summary="Import gelukt." if changed else "Import gelukt. Er veranderde niets.",
        result={"undo": undo.pk, "rows": rows},
    )


@register("export")
def run_export(job: Job, progress: Progress) -> Outcome:
    """The persons the administrator administers (of one organisation, if chosen) as a document
    in the exchange format, kept for a day for download."""
    organisation = None
    if job.params.get("organisation"):
        organisation = (
            organisations_for(job.started_by).filter(pk=job.params["organisation"]).first()
        )
        if organisation is None:
            raise JobRefused("Deze organisatie hoort niet bij uw regio.")
    pseudonymise = bool(job.params.get("pseudonymise"))
    out = io.StringIO()
    counts = export_logged(
        user=job.started_by,
        organisation=organisation,
        pseudonymise=pseudonymise,
        progress=progress,
        out=out,
    )
    persons, placements = counts.get("persons", 0), counts.get("placements", 0)
    name = "baanbehoud-export" + ("-gepseudonimiseerd" if pseudonymise else "") + ".json"
    return Outcome(
        summary=(
            f"Export klaar: {persons} {'persoon' if persons == 1 else 'personen'} en "
            f"{placements} {'plaatsing' if placements == 1 else 'plaatsingen'}."
        ),
        result={"persons": persons, "placements": placements},
        output=out.getvalue().encode("utf-8"),
        output_name=name,
        output_type="application/json",
    )
