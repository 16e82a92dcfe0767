"""The engines: same results, in order, wherever the jobs run."""

from __future__ import annotations

import os

import pytest

from storydesk.engine import THREAD_SETTINGS, DaskEngine, LocalEngine, open_engine


def thread_settings(job: str) -> str | None:
    """A worker's setting for one numerical library's threads."""
    return os.environ.get(job)


def square(job: int) -> int:
    """A job for the engines (module level, so that workers can import it)."""
    if job < 0:
        raise ValueError(f"negative job {job}")
    return job * job


@pytest.mark.parametrize("workers", [1, 2])
def test_local_engine_returns_results_in_order(workers: int) -> None:
    engine = LocalEngine(workers)
    out = list(engine.map(square, ((f"job {n}", n) for n in range(20))))
    assert out == [(f"job {n}", n * n) for n in range(20)]


def test_dask_engine_returns_results_in_order_and_reports_errors() -> None:
    with DaskEngine(workers=2, retries=0) as engine:
        assert engine.workers == 2
        assert list(engine.map(square, ((n, n) for n in range(30)))) == [
            (n, n * n) for n in range(30)]
        with pytest.raises(ValueError, match="negative job -3"):
            list(engine.map(square, ((n, n) for n in (1, 2, -3, 4))))


def test_unknown_engine_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match="unknown engine 'spark'; choose from local, dask"):
        open_engine("spark")


def test_local_workers_run_numerical_libraries_on_one_thread() -> None:
    """Two workers on two cores, each with its own BLAS threads, ran MiniLM 2.5 times slower:
    workers get one thread each, and this process keeps its own settings."""
    before = {name: os.environ.get(name) for name in THREAD_SETTINGS}
    jobs = [(name, name) for name in THREAD_SETTINGS]
    found = dict(LocalEngine(2).map(thread_settings, jobs))
    assert found == {name: "1" for name in THREAD_SETTINGS}
    assert {name: os.environ.get(name) for name in THREAD_SETTINGS} == before


def worker_pid(job: int) -> int:
    """The process a job ran in."""
    return os.getpid()


def test_a_kept_local_engine_runs_its_maps_on_the_same_workers() -> None:
    """With ``keep``, the stages of a run share the workers (their models load once);
    `close` stops them."""
    with LocalEngine(2, keep=True) as engine:
        first = {pid for _, pid in engine.map(worker_pid, [(n, n) for n in range(8)])}
        second = {pid for _, pid in engine.map(worker_pid, [(n, n) for n in range(8)])}
        assert os.getpid() not in first and second <= first
    after_close = {pid for _, pid in engine.map(worker_pid, [(n, n) for n in range(8)])}
    engine.close()
    assert not after_close & first
