"""Job plumbing shared by title selection and the builds: the lock that
keeps two runs of one job from overlapping, and the session settings of a
set-based job transaction.

On PostgreSQL a transaction-scoped advisory lock is taken without waiting;
a second run stops at once with "already running". SQLite serialises
writers itself: a second run waits for the first transaction to finish
(see the `timeout` in settings), so no lock is needed there.
"""

import zlib

from django.db import connection

JOB_NAMES = {
    "selection": "seleção de títulos",
    "bands": "montagem das filas das faixas",
    "lists": "montagem das listas de cobrança",
}


class JobAlreadyRunning(Exception):
    """Another run of the same job holds the lock; this one wrote nothing."""

    def __init__(self, job: str):
        super().__init__(job)
        self.job = job

    def __str__(self):
        name = JOB_NAMES.get(self.job, self.job)
        return f"Outra execução de {name} já está em andamento; aguarde ela terminar."


# TODO: on SQLite a second run waits for the first (up to the 20 s timeout,
# then fails) instead of stopping at once with "already running".
def job_lock_acquire(*, job: str) -> None:
    """Take the job's lock for the rest of the current transaction."""
    if connection.vendor != "postgresql":
        return
    key = zlib.crc32(f"telecobranca:{job}".encode())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [key])
        (acquired,) = cursor.fetchone()
    if not acquired:
        raise JobAlreadyRunning(job)


def job_transaction_tune() -> None:
    """Session settings for one set-based job transaction on PostgreSQL:
    memory for its hash aggregates and sorts, and no wait for the disk flush
    at commit (a crash may lose the last run as a whole, never half of it;
    the run is then repeated)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SET LOCAL work_mem = '64MB'; SET LOCAL synchronous_commit = off"
        )
