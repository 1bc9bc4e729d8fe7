"""Why the benchmark refuses to run as asked."""


class BenchmarkRefused(Exception):
    """The benchmark cannot run as asked; the message says why, in Portuguese."""
