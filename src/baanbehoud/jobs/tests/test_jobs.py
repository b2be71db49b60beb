"""Issue 14 §3: long work runs as a job with a progress bar. Here without a task queue (the
embedded default: a job runs in the process that starts it); test_worker.py runs the same jobs on
a real worker."""

from __future__ import annotations

import copy
import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from baanbehoud.audit.models import Action, ProcessingLogEntry
from baanbehoud.exchange.models import ImportBatch, ImportUndo
from baanbehoud.exchange.tests.conftest import EXAMPLE
from baanbehoud.jobs import progress, services
from baanbehoud.jobs.models import Job, JobStatus
from baanbehoud.jobs.registry import HANDLERS, Outcome
from baanbehoud.jobs.tasks import run_scheduled
from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import (
    OrganisationFactory,
    RegionFactory,
    UserFactory,
)
from baanbehoud.persons.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client):
    organisation = OrganisationFactory.create(region=RegionFactory.create(name="Regio Midden"))
    user = UserFactory.create(role=Role.BEHEERDER, organisation=organisation)
    client.force_login(user)
    return user


def _confirmed_import(client, admin, document) -> Job:
    batch = ImportBatch.objects.create(uploaded_by=admin, filename="regio.json", document=document)
    response = client.post(reverse("import-confirm", args=[batch.pk]), {"bevestigen": ""})
    job = Job.objects.get(kind="import")
    assert response.status_code == 302 and response["Location"] == reverse("job", args=[job.pk])
    return job


def test_confirming_an_import_runs_it_as_a_job_and_its_page_says_what_changed(client, admin):
    job = _confirmed_import(client, admin, copy.deepcopy(EXAMPLE))
    assert job.status == JobStatus.DONE and job.started_by == admin
    assert Person.objects.filter(ref="p1").exists()
    assert ImportUndo.objects.filter(done_by=admin).exists()  # can still be undone
    assert not ImportBatch.objects.exists()  # the upload with its BSNs is gone
    page = client.get(reverse("job", args=[job.pk])).content.decode()
    assert "Klaar.</strong> Import gelukt." in page
    assert '<th scope="row">Personen</th><td>1</td><td>0</td><td>0</td>' in page
    assert "hx-trigger" not in page  # finished: the page stops asking


def test_an_import_whose_upload_is_gone_fails_with_a_message_and_writes_nothing(client, admin):
    batch = ImportBatch.objects.create(uploaded_by=admin, filename="x.json", document=EXAMPLE)
    job = services.create("import", title="Import", params={"batch": batch.pk}, user=admin)
    batch.delete()
    services.run(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "Laad het opnieuw" in job.error
    assert not Person.objects.exists()
    page = client.get(reverse("job", args=[job.pk])).content.decode()
    assert "Het is niet gelukt" in page and "Laad het opnieuw" in page


def test_an_unexpected_error_fails_the_job_without_telling_internals(admin, monkeypatch, caplog):
    def broken(job, progress):
        raise RuntimeError("geheime details uit de database")

    monkeypatch.setitem(HANDLERS, "kapot", broken)
    job = services.start("kapot", title="Kapot", user=admin)
    assert job.status == JobStatus.FAILED
    assert job.error == services.FAILED_MESSAGE and "geheime" not in job.error
    assert "geheime details" in caplog.text  # for the operator, in the application log


def test_a_job_runs_once_even_when_the_queue_delivers_it_twice(admin, monkeypatch):
    calls: list[int] = []

    def count(job, progress):
        calls.append(1)
        return Outcome("ok")

    monkeypatch.setitem(HANDLERS, "teller", count)
    job = services.create("teller", title="Teller", user=admin)
    services.run(job.pk)
    services.run(job.pk)
    assert calls == [1]


def test_the_progress_of_a_running_job_is_on_its_page(client, admin, monkeypatch):
    """While the work runs, the page's status part shows the stage and how far it is, and asks
    again (htmx) until it is done."""
    seen: dict[str, str] = {}

    def slow(job, progress):
        progress.stage("Personen", 4)
        progress.advance(2)
        seen["page"] = client.get(reverse("job-status", args=[job.pk])).content.decode()
        progress.advance(2)
        return Outcome("Alles gedaan.")

    monkeypatch.setattr(progress, "MIN_INTERVAL", 0)  # every step written at once
    monkeypatch.setitem(HANDLERS, "langzaam", slow)
    job = services.start("langzaam", title="Langzaam", user=admin)
    assert 'hx-get="/taken/' in seen["page"] and 'hx-trigger="every 1s"' in seen["page"]
    assert "Bezig: personen." in seen["page"]
    assert '<progress id="voortgang-' in seen["page"] and 'value="50"' in seen["page"]
    assert "2 van 4 (50%)" in seen["page"]
    assert progress.read(job.pk).done == 4
    done = client.get(reverse("job-status", args=[job.pk])).content.decode()
    assert "Alles gedaan." in done and "hx-trigger" not in done


def test_an_export_is_a_job_whose_file_only_its_maker_downloads(client, admin):
    from baanbehoud.exchange.importer import import_document

    assert import_document(copy.deepcopy(EXAMPLE), user=admin).ok
    response = client.post(reverse("export"), {"organisation": "", "pseudonymise": ""})
    job = Job.objects.get(kind="export")
    assert response["Location"] == reverse("job", args=[job.pk])
    assert job.status == JobStatus.DONE and job.summary.startswith("Export klaar: 1 persoon")
    page = client.get(reverse("job", args=[job.pk])).content.decode()
    assert "Download baanbehoud-export.json" in page
    download = client.get(reverse("job-download", args=[job.pk]))
    document = json.loads(download.content)
    assert [p["ref"] for p in document["persons"]] == ["p1"]
    assert download["Content-Disposition"] == 'attachment; filename="baanbehoud-export.json"'
    logged = ProcessingLogEntry.objects.filter(action=Action.EXPORT, user=admin)
    assert logged.count() == 1
    # A colleague (same role, same organisation) gets nothing of it.
    colleague = UserFactory.create(role=Role.BEHEERDER, organisation=admin.organisation)
    client.force_login(colleague)
    assert client.get(reverse("job", args=[job.pk])).status_code == 404
    assert client.get(reverse("job-download", args=[job.pk])).status_code == 404


def test_the_export_form_offers_only_organisations_of_the_region(client, admin):
    elsewhere = OrganisationFactory.create(
        name="Gemeente Elders", region=RegionFactory.create(name="Anders")
    )
    page = client.get(reverse("export")).content.decode()
    assert "Gemeente Elders" not in page
    response = client.post(reverse("export"), {"organisation": elsewhere.pk})
    assert response.status_code == 400 and not Job.objects.exists()
    assert "Fout:" in response.content.decode()


def test_a_report_over_many_years_is_made_in_the_background_with_the_same_numbers(client):
    from baanbehoud.reports import downloads

    officer = UserFactory.create(role=Role.KLANTMANAGER, organisation=OrganisationFactory.create())
    client.force_login(officer)
    url = reverse("report", args=["kwartaal"])
    short = client.get(url, {"formaat": "csv"})
    assert short["Content-Type"].startswith("text/csv")  # a few quarters: at once
    today = timezone.localdate()
    filters = {"van": (today - timedelta(days=6 * 365)).isoformat(), "tot": today.isoformat()}
    response = client.get(url, {**filters, "formaat": "csv"})
    job = Job.objects.get(kind="report", started_by=officer)
    assert response["Location"] == reverse("job", args=[job.pk])
    assert job.status == JobStatus.DONE and "is klaar" in job.summary
    expected = downloads.file_of(downloads.prepare(officer, "kwartaal", filters, today), "csv")
    assert client.get(reverse("job-download", args=[job.pk])).content == expected


def test_scheduled_jobs_run_without_a_user_and_administrators_see_them(client, admin):
    run_scheduled("digest")
    run_scheduled("signals")
    run_scheduled("retention")
    jobs = {job.kind: job for job in Job.objects.all()}
    assert {kind: job.status for kind, job in jobs.items()} == dict.fromkeys(
        ("digest", "signals", "retention"), JobStatus.DONE
    )
    assert jobs["signals"].summary.startswith("0 open signalen op")
    assert client.get(reverse("jobs")).content.decode().count("volgens planning") == 0
    listing = client.get(reverse("jobs")).content.decode()
    assert "Weekoverzicht aan de contactpersonen" in listing
    klantmanager = UserFactory.create(role=Role.KLANTMANAGER, organisation=admin.organisation)
    client.force_login(klantmanager)
    assert "Weekoverzicht" not in client.get(reverse("jobs")).content.decode()


def test_retention_removes_files_older_than_a_day(admin):
    old = Job.objects.create(
        kind="export", title="Oud", started_by=admin, status=JobStatus.DONE, output=b"bsn"
    )
    Job.objects.filter(pk=old.pk).update(finished_at=timezone.now() - timedelta(days=2))
    recent = services.create("export", title="Nieuw", user=admin)
    Job.objects.filter(pk=recent.pk).update(output=b"{}", finished_at=timezone.now())
    run_scheduled("retention")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.output is None and recent.output is not None


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_import_command_draws_a_bar_on_a_terminal_and_is_quiet_in_a_script(tmp_path):
    path = tmp_path / "regio.json"
    path.write_text(json.dumps(EXAMPLE))
    terminal, script = FakeTerminal(), io.StringIO()
    call_command("import", str(path), "--dry-run", stdout=io.StringIO(), stderr=terminal)
    assert "Personen: 100%" in terminal.getvalue() and "1/1" in terminal.getvalue()
    call_command("import", str(path), "--dry-run", stdout=io.StringIO(), stderr=script)
    assert script.getvalue() == ""


def test_the_worker_and_scheduler_commands_say_what_is_missing_without_a_queue():
    from django.core.management.base import CommandError

    for command in ("worker", "scheduler"):
        with pytest.raises(CommandError, match="REDIS_URL of CELERY_BROKER_URL"):
            call_command(command)


def test_the_check_of_an_upload_is_a_job_whose_page_leads_to_the_preview(client, admin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("regio.json", json.dumps(EXAMPLE).encode())
    response = client.post(reverse("import"), {"file": upload})
    check = Job.objects.get(kind="import-check")
    assert response["Location"] == f"{reverse('import')}?controle={check.pk}"
    assert check.status == JobStatus.DONE and not Person.objects.exists()  # a dry run
    page = client.get(response["Location"]).content.decode()
    assert "Dit gaat er veranderen (regio.json)" in page and "Importeren bevestigen" in page
    # The polling part sends the browser to that page when the check is done.
    status = client.get(reverse("job-status", args=[check.pk]), HTTP_HX_REQUEST="true")
    assert status["HX-Redirect"] == response["Location"]
    # Nobody else sees the outcome (it names the file's records).
    client.force_login(UserFactory.create(role=Role.BEHEERDER, organisation=admin.organisation))
    other = client.get(response["Location"]).content.decode()
    assert "Dit gaat er veranderen" not in other
