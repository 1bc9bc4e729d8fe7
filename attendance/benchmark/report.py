"""The benchmark's figures and the report `bench_builds` prints from them."""

from dataclasses import dataclass, field
from datetime import date

from .baseline import BASELINE_TITLES
from .measure import StepFigures

TARGET_RATIO = 3.0


@dataclass
class BenchmarkReport:
    titles: int
    customers: int
    operators: int
    reference_date: date
    vendor: str
    database: str
    generate_seconds: float = 0.0
    steps: list[StepFigures] = field(default_factory=list)
    baseline: dict[str, float] | None = None

    @property
    def total_seconds(self) -> float:
        return sum(step.seconds for step in self.steps)


def report_lines(report: BenchmarkReport, *, slowest: bool = False) -> list[str]:
    """The report as printed by `bench_builds`, in Portuguese; `slowest`
    adds each step's slowest statements."""
    database = "PostgreSQL" if report.vendor == "postgresql" else "SQLite"
    lines = [
        f"Benchmark das rotinas noturnas ({database}, banco {report.database})",
        f"Carteira: {report.titles} títulos, {report.customers} clientes, {report.operators} operadores de lista;"
        f" data base {report.reference_date:%d/%m/%Y}",
        f"Geração da carteira (fora das medidas): {report.generate_seconds:.2f} s",
        "",
        f"{'etapa':<8} {'linhas':>9} {'segundos':>9} {'linhas/s':>11} {'comandos SQL':>12}"
        f" {'pico RSS (MB)':>14} {'pico tracemalloc (MB)':>22}",
    ]
    for step in report.steps:
        rss = f"{step.rss_peak_mb:.1f}" if step.rss_peak_mb is not None else "-"
        lines.append(
            f"{step.label:<8} {step.rows:>9d} {step.seconds:>9.3f} {step.rows_per_second:>11.0f}"
            f" {step.statements:>12d} {rss:>14} {step.traced_peak_mb:>22.2f}"
        )
    lines.append(f"{'total':<8} {'':>9} {report.total_seconds:>9.3f}")
    lines.append(
        "linhas: seleção = títulos no SK1; faixas = clientes nas filas das faixas; listas = itens das listas."
    )
    if slowest:
        for step in report.steps:
            lines += [
                "",
                f"Comandos mais lentos de {step.label} ({step.seconds:.3f} s na etapa):",
            ]
            lines += [
                f"  {seconds:8.3f} s  {sql[:160]}" for seconds, sql in step.slowest
            ]
    if report.baseline is not None:
        lines += [
            "",
            "Comparação com a linha de base em SQL escrito à mão (raw_sql_baseline.sql), meta ≤ 3x:",
        ]
        if report.titles != BASELINE_TITLES:
            lines.append(
                f"(atenção: a linha de base tem sempre {BASELINE_TITLES} títulos; a razão só compara iguais"
                f" com --titles {BASELINE_TITLES})"
            )
        lines.append(f"{'etapa':<8} {'nosso (s)':>10} {'base (s)':>10} {'razão':>8}")
        for step in report.steps:
            base = report.baseline[step.step]
            lines.append(
                f"{step.label:<8} {step.seconds:>10.3f} {base:>10.3f} {_ratio(step.seconds, base)}"
            )
        base_total = sum(report.baseline.values())
        verdict = (
            "dentro da meta"
            if report.total_seconds <= TARGET_RATIO * base_total
            else "ACIMA DA META"
        )
        lines.append(
            f"{'total':<8} {report.total_seconds:>10.3f} {base_total:>10.3f}"
            f" {_ratio(report.total_seconds, base_total)}  ({verdict})"
        )
    return lines


def _ratio(ours: float, base: float) -> str:
    return f"{ours / base:>7.1f}x" if base > 0 else f"{'-':>8}"
