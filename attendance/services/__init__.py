"""Writes of the attendance app: the recorded runs of the nightly jobs."""

from .builds import bands_build, lists_build
from .runs import run_record, selection_run

__all__ = ["bands_build", "lists_build", "run_record", "selection_run"]
