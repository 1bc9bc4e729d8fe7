"""Where the benchmark runs: a scratch database beside the configured one,
or the current database for an in-place run."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection


@contextmanager
def current_database() -> Iterator[str]:
    yield str(connection.settings_dict["NAME"])


@contextmanager
def scratch_database() -> Iterator[str]:
    """A fresh, migrated database `<NAME>_bench` beside the configured one,
    used for the duration of the block and then dropped. The configured
    database is never written to."""
    creation = connection.creation
    test_settings = connection.settings_dict.setdefault("TEST", {})
    previous_test_name = test_settings.get("NAME")
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        if not creation.is_in_memory_db(name):
            path = Path(str(name))
            test_settings["NAME"] = str(path.with_name(f"{path.stem}_bench.sqlite3"))
    else:
        test_settings["NAME"] = f"{name}_bench"
    old_name = creation.create_test_db(
        verbosity=0, autoclobber=True, serialize=False, keepdb=False
    )
    try:
        yield str(connection.settings_dict["NAME"])
    finally:
        creation.destroy_test_db(old_name, verbosity=0, keepdb=False)
        test_settings["NAME"] = previous_test_name
