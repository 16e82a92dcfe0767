"""Where the heavy work runs: here, on this machine's cores, or on a Dask cluster.

A stage hands an engine a module-level function and a stream of ``(context, job)`` pairs;
the engine runs the jobs wherever it runs them and gives back ``(context, result)`` in the
order of the jobs, with only a few jobs in flight, so that memory stays bounded and the stage
can commit each result as soon as it arrives. Stages never know which engine runs them, so
the results are the same on every engine.

- :class:`LocalEngine` (the default): in this process, or on a pool of ``forkserver`` worker
  processes (each loads its models once) when the work is worth starting them.
- :class:`DaskEngine`: on the workers of a ``dask.distributed`` cluster, a scheduler at an
  address or a :class:`~distributed.LocalCluster` started for the run. A job whose worker
  dies is run again on another worker.
"""

from __future__ import annotations

import logging
import os
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import forkserver, get_context
from multiprocessing.context import ForkServerContext
from typing import Any, TypeVar

C = TypeVar("C")
J = TypeVar("J")
R = TypeVar("R")
ENGINES = ("local", "dask")
TRIM_SETTING = "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_"


# Thread counts of the numerical libraries, set to one in worker processes: a worker is one
# job on one core, and two workers each running two BLAS threads on two cores ran MiniLM's
# small matrix products 2.5 times slower than two single-threaded workers.
THREAD_SETTINGS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
WORKER_PRELOAD = "storydesk.ingest.preload"


def worker_context() -> ForkServerContext:
    """The multiprocessing context of every local worker pool: a fork server that has loaded
    the workers' libraries once (``storydesk.ingest.preload``), started with one thread per
    numerical library. This process keeps its own settings."""
    context = get_context("forkserver")
    context.set_forkserver_preload([WORKER_PRELOAD])
    saved = {name: os.environ.get(name) for name in THREAD_SETTINGS}
    os.environ.update({name: "1" for name in THREAD_SETTINGS})
    try:
        forkserver.ensure_running()         # started once; inherits the settings above
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return context


def in_order(submit: Callable[[J], Any], items: Iterable[tuple[C, J]],
             limit: int) -> Iterator[tuple[C, Any]]:
    """Submit each job (``submit`` returns a future), keeping at most ``limit`` + 1 in flight,
    and yield ``(context, result)`` in the order of the jobs; futures still pending when the
    caller stops are cancelled."""
    pending: deque[tuple[C, Any]] = deque()
    try:
        for context, job in items:
            pending.append((context, submit(job)))
            if len(pending) > limit:
                context, future = pending.popleft()
                yield context, future.result()
        while pending:
            context, future = pending.popleft()
            yield context, future.result()
    finally:
        for _, future in pending:
            future.cancel()


class Engine(ABC):
    """Runs jobs and returns their results in order; see the module docstring."""

    name: str = ""

    @property
    @abstractmethod
    def workers(self) -> int:
        """How many jobs can run at the same time."""

    @abstractmethod
    def map(self, work: Callable[[J], R], items: Iterable[tuple[C, J]],
            parallel: bool = True) -> Iterator[tuple[C, R]]:
        """Yield ``(context, work(job))`` for each ``(context, job)``, in order.

        ``work`` must be a module-level function (it is sent to the workers by name).
        ``parallel`` is the caller's judgement that the work outweighs shipping it elsewhere;
        an engine may still run small work where it is.
        """

    def close(self) -> None:  # noqa: B027 - an engine may hold nothing between maps
        """Release the engine's workers."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LocalEngine(Engine):
    """This machine: ``workers`` processes (0: one per core), or this process alone.

    By default each `map` starts its pool and stops it at the end. With ``keep`` the pool
    lives until `close` (use the engine in a ``with`` block), so that the stages of one run
    share workers that have loaded their models already.
    """

    name = "local"

    def __init__(self, workers: int = 0, keep: bool = False) -> None:
        self._workers = workers or os.cpu_count() or 1
        self._keep = keep
        self._pool: ProcessPoolExecutor | None = None

    @property
    def workers(self) -> int:
        """How many processes run jobs at the same time."""
        return self._workers

    def map(self, work: Callable[[J], R], items: Iterable[tuple[C, J]],
            parallel: bool = True) -> Iterator[tuple[C, R]]:
        """Run the jobs on a pool started for this call, at most ``workers`` + 1 submitted at
        a time; in this process when there is one worker or the work is small."""
        if self._workers <= 1 or not parallel:
            for context, job in items:
                yield context, work(job)
            return
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self._workers, mp_context=worker_context())
        pool, finished = self._pool, False
        try:
            yield from in_order(lambda job: pool.submit(work, job), items, self._workers)
            finished = True
        finally:
            if not (finished and self._keep):   # an error or an interrupt: start afresh
                self.close()

    def close(self) -> None:
        """Stop the worker processes, if any are running."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


class DaskEngine(Engine):
    """A ``dask.distributed`` cluster: the scheduler at ``scheduler`` (``tcp://host:8786``),
    or a :class:`~distributed.LocalCluster` of ``workers`` single-threaded processes.

    Jobs are submitted as tasks, at most two per worker thread at a time. A task whose worker
    dies is rescheduled by Dask on another worker; a task that raises is retried ``retries``
    times before the error reaches the stage.
    """

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int = 2,
                 retries: int = 2) -> None:
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError as e:  # pragma: no cover - a dependency of storydesk
            raise RuntimeError("the Dask engine needs dask[distributed]: "
                               "pip install 'dask[distributed]'") from e
        # Dask starts workers with MALLOC_TRIM_THRESHOLD_ set, which fixes glibc's mmap
        # threshold: every large numpy temporary is then mapped and unmapped again, and
        # fingerprinting runs at about half speed. Workers started here do without it.
        dask.config.set({TRIM_SETTING: None})
        self.retries = retries
        self.cluster: Any = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                                        processes=True, dashboard_address=None,
                                        silence_logs=logging.WARNING)
            self.client = Client(self.cluster)

    @property
    def workers(self) -> int:
        """Worker threads across the cluster (at least 1)."""
        threads = self.client.nthreads()
        return max(1, sum(threads.values()))

    def map(self, work: Callable[[J], R], items: Iterable[tuple[C, J]],
            parallel: bool = True) -> Iterator[tuple[C, R]]:
        """Run every job as a Dask task (the workers hold the models), results in order."""
        def submit(job: J) -> Any:
            return self.client.submit(work, job, pure=False, retries=self.retries)

        yield from in_order(submit, items, 2 * self.workers)

    def close(self) -> None:
        """Disconnect; a cluster started for the run is shut down."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def open_engine(name: str = "local", scheduler: str | None = None, workers: int = 0) -> Engine:
    """The engine called ``name`` ("local" or "dask"); ``workers`` 0 means one per core."""
    if name == "local":
        return LocalEngine(workers, keep=True)
    if name == "dask":
        return DaskEngine(scheduler, workers or os.cpu_count() or 1)
    raise ValueError(f"unknown engine {name!r}; choose from {', '.join(ENGINES)}")
