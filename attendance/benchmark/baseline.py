"""The hand-written SQL baseline (`shared/bench/raw_sql_baseline.sql`): where
it is, running it with psql, and reading its timings."""

import os
import re
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection

from .refusal import BenchmarkRefused

BASELINE_TITLES = 1_000_000
BASELINE_FILE = Path("bench") / "raw_sql_baseline.sql"
# The statements of the baseline timed against each of our steps.
BASELINE_STATEMENTS = {
    "selection": "INSERT INTO sk1",
    "bands": "CREATE UNLOGGED TABLE bucket",
    "lists": "CREATE UNLOGGED TABLE assignment",
}


def baseline_path() -> Path:
    shared = (
        os.environ.get("TELECOBRANCA_SHARED")
        or Path(settings.BASE_DIR).parent / "shared"
    )
    return Path(shared) / BASELINE_FILE


def baseline_run(*, database: str) -> dict[str, float]:
    """Run the hand-written SQL baseline with psql in `database` and return
    the seconds of its three timed statements, keyed like our steps."""
    db = connection.settings_dict
    command = [
        "psql",
        "-X",
        "-e",
        "-v",
        "ON_ERROR_STOP=1",
        "-d",
        database,
        "-f",
        str(baseline_path()),
    ]
    for option, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if db.get(key):
            command[1:1] = [option, str(db[key])]
    environment = dict(os.environ)
    if db.get("PASSWORD"):
        environment["PGPASSWORD"] = db["PASSWORD"]
    completed = subprocess.run(
        command, capture_output=True, text=True, env=environment, check=False
    )
    if completed.returncode != 0:
        raise BenchmarkRefused(
            f"A linha de base falhou no psql: {completed.stderr.strip()[-500:]}"
        )
    return baseline_timings_parse(completed.stdout)


TIMING_LINE = re.compile(r"^Time: ([0-9.]+) ms")


def baseline_timings_parse(output: str) -> dict[str, float]:
    """Seconds of the three timed statements in psql's `-e` + `\\timing`
    output: each statement is echoed, and the next "Time:" line is its own."""
    timings: dict[str, float] = {}
    pending = None
    for line in output.splitlines():
        for step, start in BASELINE_STATEMENTS.items():
            if line.startswith(start):
                pending = step
        match = TIMING_LINE.match(line)
        if match and pending is not None:
            timings[pending] = float(match.group(1)) / 1000
            pending = None
    missing = set(BASELINE_STATEMENTS) - set(timings)
    if missing:
        raise BenchmarkRefused(
            f"Não achei o tempo de {', '.join(sorted(missing))} na saída do psql."
        )
    return timings
