"""How far a job is, in the cache that every app server and worker shares (Redis in production,
see docs/configuration.md; the process's own memory in the embedded default, where jobs run
in-process). Written at most a few times a second, read by the job page every second."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from typing import Any
from uuid import UUID

from django.core.cache import cache

TTL_SECONDS = 24 * 60 * 60
MIN_INTERVAL = 0.5  # seconds between two writes within a stage


@dataclass
class Snapshot:
    stage: str = ""
    done: int = 0
    total: int = 0
    step: int = 0  # how many stages have begun

    @property
    def percent(self) -> int | None:
        """Whole percent of the current stage; None when its size is unknown."""
        if self.total <= 0:
            return None
        return min(100, self.done * 100 // self.total)


def _key(job_id: UUID | str) -> str:
    return f"baanbehoud:job-progress:{job_id}"


def read(job_id: UUID | str) -> Snapshot:
    data: dict[str, Any] | None = cache.get(_key(job_id))
    return Snapshot(**data) if data else Snapshot()


class CacheProgress:
    """`baanbehoud.progress.Progress` for a job: the page polls what this writes."""

    def __init__(self, job_id: UUID | str) -> None:
        self.key = _key(job_id)
        self.now = Snapshot()
        self._written = 0.0

    def stage(self, label: str, total: int) -> None:
        self.now = Snapshot(stage=label, done=0, total=max(total, 0), step=self.now.step + 1)
        self._write()

    def advance(self, n: int = 1) -> None:
        self.now.done += n
        finished = self.now.total and self.now.done >= self.now.total
        if finished or time.monotonic() - self._written >= MIN_INTERVAL:
            self._write()

    def _write(self) -> None:
        cache.set(self.key, asdict(self.now), TTL_SECONDS)
        self._written = time.monotonic()
