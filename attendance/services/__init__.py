"""Writes of the attendance app: the nightly builds and their recorded runs."""

from .builds import bands_build, collections_build, lists_build
from .runs import run_record, selection_run

__all__ = [
    "bands_build",
    "collections_build",
    "lists_build",
    "run_record",
    "selection_run",
]
