"""Issue 14 §3, done-when: a worker takes an import job from the task queue (Redis) and runs it end
to end, while its progress shows on the job page and in `baanbehoud jobs --follow`."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from baanbehoud.exchange.models import ImportBatch
from baanbehoud.jobs.models import Job, JobStatus
from baanbehoud.jobs.progress import CacheProgress
from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import (
    OrganisationFactory,
    RegionFactory,
    UserFactory,
)
from baanbehoud.persons.models import Person

# serialized_rollback as the other transactional tests: mixing the two kinds breaks the next one.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BSNS = ["111222333", "123456782", "100000009"]


def document(persons: int = 3) -> dict[str, Any]:
    """Persons with a placement each; no consultants (nothing the job page itself reads)."""
    return {
        "format": "baanbehoud-exchange/1",
        "organisations": [
            {"ref": "FW", "name": "FermWerk", "kind": "municipal", "municipalities": ["Woerden"]}
        ],
        "employers": [{"ref": "e1", "name": "Bakkerij Voorbeeld", "kvk": "12345678"}],
        "persons": [
            {
                "ref": f"p{i}",
                "bsn": BSNS[i],
                "name": f"Persoon {i}",
                "birth_date": "1998-04-02",
                "municipality": "Woerden",
                "regime": "participatiewet",
            }
            for i in range(persons)
        ],
        "placements": [
            {
                "ref": f"pl{i}",
                "person": f"p{i}",
                "employer": "e1",
                "function": "Inpakker",
                "route": "wsp",
                "contracts": [
                    {"kind": "temporary", "start": "2026-01-05", "end": "2026-12-31",
                     "hours_per_week": 20}
                ],
            }
            for i in range(persons)
        ],
    }  # fmt: skip


def wait_for(condition: Callable[[], bool], seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def admin(client: Any) -> Any:
    organisation = OrganisationFactory.create(region=RegionFactory.create(name="Regio Midden"))
    user = UserFactory.create(role=Role.BEHEERDER, organisation=organisation)
    client.force_login(user)
    return user


@pytest.fixture
def held_at_person(monkeypatch: Any) -> Iterator[tuple[threading.Event, threading.Event]]:
    """Holds a running import after its first person until the test lets go, so that the test
    can look at the progress of a job that is really half-way."""
    reached, release = threading.Event(), threading.Event()
    advance = CacheProgress.advance

    def holding(self: CacheProgress, n: int = 1) -> None:
        advance(self, n)
        if self.now.stage == "Personen" and self.now.done == 1:
            self._write()
            reached.set()
            release.wait(30)

    monkeypatch.setattr(CacheProgress, "advance", holding)
    yield reached, release
    release.set()  # never leave the worker waiting, also when the test failed


def test_a_worker_runs_an_import_with_its_progress_on_the_page_and_in_the_cli(
    task_queue, client, admin, held_at_person
):
    reached, release = held_at_person
    batch = ImportBatch.objects.create(
        uploaded_by=admin, filename="regio.json", document=document()
    )
    response = client.post(reverse("import-confirm", args=[batch.pk]), {"bevestigen": ""})
    job = Job.objects.get(kind="import")
    assert response["Location"] == reverse("job", args=[job.pk])
    assert reached.wait(30), "the worker did not start the import"

    page = client.get(reverse("job", args=[job.pk])).content.decode()
    assert "Bezig: personen." in page and "1 van 3 (33%)" in page
    assert 'hx-trigger="every 1s"' in page  # the page keeps asking

    followed = FakeTerminal()
    out = io.StringIO()

    def follow() -> None:
        try:
            call_command("jobs", "--follow", str(job.pk), stdout=out, stderr=followed)
        finally:
            connection.close()

    follower = threading.Thread(target=follow)
    follower.start()
    assert wait_for(lambda: "Personen" in followed.getvalue())
    release.set()
    follower.join(60)

    assert "Klaar: Import gelukt." in out.getvalue()
    assert "Personen: 100%" in followed.getvalue()  # the CLI's bar went to the end
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert Person.objects.count() == 3
    done = client.get(reverse("job-status", args=[job.pk])).content.decode()
    assert "Import gelukt." in done and "hx-trigger" not in done


def test_an_export_on_the_worker_gives_a_file_to_download(task_queue, client, admin):
    from baanbehoud.exchange.importer import import_document

    assert import_document(document(2), user=admin).ok
    client.post(reverse("export"), {"organisation": "", "pseudonymise": "on"})
    job = Job.objects.get(kind="export")
    assert wait_for(lambda: Job.objects.get(pk=job.pk).finished)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    content = client.get(reverse("job-download", args=[job.pk])).content.decode()
    assert '"persons"' in content and not any(bsn in content for bsn in BSNS)
