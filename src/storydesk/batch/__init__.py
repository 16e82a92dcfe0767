"""Batch runs over partitioned input, on this machine or a Dask cluster, resumable."""

from storydesk.batch.plan import Plan, PlanMismatch, make_plan
from storydesk.batch.run import BatchReport, run_batch

__all__ = ["BatchReport", "Plan", "PlanMismatch", "make_plan", "run_batch"]
