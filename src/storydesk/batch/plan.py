"""The plan of a batch run: its shards, how they are cut into partitions, and the work folder.

A shard is one input (a file, or a URL); a partition is a run of consecutive shards, the unit
of work a worker reads, cleans and fingerprints on its own. Shards are in a fixed order (the
order `storydesk ingest` reads them in: arguments as given, folders walked in name order), and
every article is stored in that order whatever the partitioning, so a corpus cut into 3 or 30
partitions gives the same store.

The plan is written to ``plan.json`` in the work folder the first time; a later run with the
same inputs and settings finds it and resumes, skipping every partition whose completion
marker is there.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from storydesk.config import Settings
from storydesk.ingest.pipeline import find_targets

PLAN_FILE = "plan.json"
PLAN_VERSION = 1
PARTITION_BYTES = 32 * 1024 * 1024  # default: cut the input into parts of about this size
MIN_PARTITIONS = 8  # ... and into at least this many, when there are enough shards


class PlanMismatch(ValueError):
    """The work folder holds the plan of another run."""


@dataclass(slots=True)
class Shard:
    """One input: a file (``path``) or a URL (``path`` None)."""

    name: str
    path: str | None
    size: int


@dataclass(slots=True)
class Plan:
    """Everything that decides a batch run's result, and its partitioning."""

    shards: list[Shard]
    partitions: list[tuple[int, int]]  # [start, end) ranges of shards, in order
    missing: list[tuple[str, str]]  # inputs that do not exist: (name, reason)
    settings: dict[str, Any] = field(default_factory=dict)
    version: int = PLAN_VERSION

    @property
    def id(self) -> str:
        """A short digest of the plan: partitions merged into a store are recorded under it."""
        digest = hashlib.sha1(json.dumps(self.to_dict(), sort_keys=True).encode())
        return digest.hexdigest()[:16]

    def shards_of(self, partition: int) -> list[Shard]:
        """The shards of one partition."""
        start, end = self.partitions[partition]
        return self.shards[start:end]

    def to_dict(self) -> dict[str, Any]:
        """The plan as JSON-ready data."""
        return {"version": self.version, "settings": self.settings,
                "shards": [asdict(s) for s in self.shards],
                "partitions": [list(p) for p in self.partitions],
                "missing": [list(m) for m in self.missing]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Plan:
        """Read a plan written by :meth:`to_dict`."""
        return cls(shards=[Shard(**s) for s in data["shards"]],
                   partitions=[(int(a), int(b)) for a, b in data["partitions"]],
                   missing=[(str(a), str(b)) for a, b in data["missing"]],
                   settings=data["settings"], version=int(data["version"]))


def run_settings(settings: Settings, embedder: str, window_days: int) -> dict[str, Any]:
    """The settings that change a batch run's result, as JSON-ready data."""
    return {"max_bytes": settings.max_bytes,
            "fields": {k: list(v) for k, v in settings.fields.items()},
            "outlets": dict(settings.outlets), "embedder": embedder,
            "window_days": window_days}


def make_plan(inputs: list[str], settings: dict[str, Any], partitions: int | None = None,
              partition_bytes: int = PARTITION_BYTES) -> Plan:
    """Find the shards of ``inputs`` and cut them into partitions.

    With ``partitions`` given, into that many runs of about equal size (fewer when there are
    fewer shards); otherwise into parts of about ``partition_bytes``, at least
    ``MIN_PARTITIONS`` of them when there are that many shards.
    """
    targets, missing = find_targets(inputs)
    shards = []
    for target in targets:
        size = target.path.stat().st_size if target.path is not None else 0
        path = str(target.path.resolve()) if target.path is not None else None
        shards.append(Shard(target.name, path, size))
    if partitions is None:
        total = sum(s.size for s in shards)
        partitions = max(math.ceil(total / partition_bytes), MIN_PARTITIONS)
    return Plan(shards, cut(shards, partitions), [(m.source, m.reason) for m in missing],
                settings)


def cut(shards: list[Shard], count: int) -> list[tuple[int, int]]:
    """Cut ``shards`` into at most ``count`` runs of consecutive shards of about equal size."""
    if not shards:
        return []
    count = max(1, min(count, len(shards)))
    weights = [max(s.size, 1) for s in shards]
    total = sum(weights)
    ranges: list[tuple[int, int]] = []
    start = 0
    running = 0
    for i, weight in enumerate(weights):
        running += weight
        left_shards = len(shards) - (i + 1)
        left_parts = count - len(ranges) - 1
        due = running >= total * (len(ranges) + 1) / count
        if left_parts > 0 and (due or left_shards == left_parts):
            ranges.append((start, i + 1))
            start = i + 1
    ranges.append((start, len(shards)))
    return [r for r in ranges if r[0] < r[1]]


def open_plan(work: Path, plan: Plan, partitions_given: bool) -> tuple[Plan, bool]:
    """The plan to run in ``work``: the one found there (returns it and True) when it is for
    the same inputs and settings, else ``plan``, written there (returns it and False).

    Raises :class:`PlanMismatch` when the folder holds a plan for other inputs or settings,
    or for another partitioning asked for explicitly.
    """
    work.mkdir(parents=True, exist_ok=True)
    path = work / PLAN_FILE
    if path.exists():
        try:
            found = Plan.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, KeyError, TypeError) as e:
            raise PlanMismatch(f"{path} is not a storydesk plan ({e}); use another work "
                               "folder") from e
        same_input = ([asdict(s) for s in found.shards] == [asdict(s) for s in plan.shards]
                      and found.settings == plan.settings and found.version == plan.version)
        if not same_input:
            raise PlanMismatch(f"the work folder {work} holds a run of other inputs or "
                               "settings (or input files changed since); use another work "
                               "folder, or delete it to start over")
        if partitions_given and found.partitions != plan.partitions:
            raise PlanMismatch(f"the work folder {work} holds a run cut into "
                               f"{len(found.partitions)} partitions; leave out --partitions "
                               "to resume it, or use another work folder")
        return found, True
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(plan.to_dict(), indent=1), encoding="utf-8")
    temporary.replace(path)
    return plan, False
