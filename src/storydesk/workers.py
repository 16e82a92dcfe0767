"""Batches of work on worker processes, results back in order.

Stages that read batches from the store, compute something heavy and write the results back
(fingerprints, quotes) use `ordered_map`: the store stays in this process, the computing goes
to a pool of `forkserver` workers (each loads its models once), results come back in the
order of the batches, and only a few batches are in flight, so memory stays bounded and each
batch can be committed as soon as it is done.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from typing import TypeVar

C = TypeVar("C")
J = TypeVar("J")
R = TypeVar("R")


def ordered_map(work: Callable[[J], R], items: Iterable[tuple[C, J]], parallel: bool,
                workers: int = 0) -> Iterator[tuple[C, R]]:
    """Yield ``(context, work(job))`` for each ``(context, job)``, in order.

    ``work`` must be a module-level function (it is sent to the workers by name). When
    ``parallel`` (the caller's judgement that the work outweighs starting processes) and
    ``workers`` > 1 (0: one per core), jobs run on that many processes, at most ``workers`` + 1
    of them submitted at a time; otherwise they run here, one after the other.
    """
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or not parallel:
        for context, job in items:
            yield context, work(job)
        return
    pool = ProcessPoolExecutor(workers, mp_context=get_context("forkserver"))
    pending: deque[tuple[C, Future[R]]] = deque()
    try:
        for context, job in items:
            pending.append((context, pool.submit(work, job)))
            if len(pending) > workers:
                context, future = pending.popleft()
                yield context, future.result()
        while pending:
            context, future = pending.popleft()
            yield context, future.result()
    finally:
        pool.shutdown(cancel_futures=True)
