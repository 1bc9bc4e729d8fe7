"""Reads behind the builds and the queue position report.

Everything starts from one SQL shape, the customer positions: every
customer with an open overdue title, placed in the band of its oldest open
overdue title, with all its open overdue titles. The band build inserts it,
the list build distributes it and the queue position report sums it, so the
three can never disagree.
"""

from dataclasses import dataclass
from datetime import date

from django.db import connection

from finance.models import CollectionTitle, Parameters
from finance.money import from_cents
from rules.models import SelectionRule
from rules.selectors import Band, bands_list

# Protheus "K0_SITUACA = 7" means every situation.
ANY_SITUATION = "7"


@dataclass(frozen=True)
class PositionsQuery:
    """A SELECT over customer positions: customer_id, rule_id (NULL = out of
    band), oldest (real due date), titles, cents (balance in whole cents),
    owner_id (NULL = nobody owns the customer)."""

    sql: str
    params: list
    bands: list[Band]


def _like_pattern(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# TODO: a customer whose titles miss its band's filters is counted out of band;
# it is not offered to a later band whose filters it would match.
def _rule_filter_sql(*, rule: SelectionRule, contains: bool) -> tuple[str, list]:
    """The rule's optional title filters (prefix, nature, bearer, situation)
    as an EXISTS over the customer's open titles; empty when it has none.
    MV_TMKREGF turns equality into "contains"."""
    conditions, params = [], []
    filters = {"prefix": rule.prefix, "nature": rule.nature, "bearer": rule.bearer}
    if rule.situation and rule.situation != ANY_SITUATION:
        filters["situation"] = rule.situation
    for column, value in filters.items():
        value = value.strip()
        if not value:
            continue
        if contains:
            conditions.append(f"o.{column} LIKE %s ESCAPE '\\'")
            params.append(_like_pattern(value))
        else:
            conditions.append(f"o.{column} = %s")
            params.append(value)
    if not conditions:
        return "", []
    return (
        "EXISTS (SELECT 1 FROM open_titles o WHERE o.customer_id = c.customer_id AND "
        + " AND ".join(conditions)
        + ")",
        params,
    )


def positions_query(
    *, reference_date: date, parameters: Parameters | None = None
) -> PositionsQuery:
    """Build the customer positions SELECT for `reference_date`.

    A title counts when it is in SK1, not excluded from collection and
    strictly overdue on the reference date. SK1 holds open titles only: the
    selection and every SE1 write (the ERP import, a recomputed calendar)
    remove a paid title from it at once (finance.services.titles_refresh).
    The number of statements and of placeholders grows with the number of
    rules, never with the number of rows.
    """
    parameters = parameters or Parameters.current()
    bands = bands_list()
    sk1 = connection.ops.quote_name(CollectionTitle._meta.db_table)

    cases, case_params = [], []
    for band in bands:
        oldest, newest = band.real_due_window(reference_date)
        condition, condition_params = ["c.oldest <= %s"], [newest]
        if oldest is not None:
            condition.append("c.oldest >= %s")
            condition_params.append(oldest)
        filter_sql, filter_params = _rule_filter_sql(
            rule=band.rule, contains=parameters.contains_filters
        )
        if filter_sql:
            condition.append(filter_sql)
            condition_params.extend(filter_params)
        cases.append(f"WHEN {' AND '.join(condition)} THEN %s")
        case_params.extend([*condition_params, band.rule.pk])
    rule_sql = f"CASE {' '.join(cases)} ELSE NULL END" if cases else "NULL"

    sql = (
        "WITH open_titles AS ("
        " SELECT t.customer_id, t.real_due_date, t.balance, t.owner_id,"
        " t.prefix, t.nature, t.bearer, t.situation"
        f" FROM {sk1} t WHERE t.excluded = %s AND t.real_due_date < %s"
        "), customers AS ("
        " SELECT customer_id, MIN(real_due_date) AS oldest, COUNT(*) AS titles,"
        f" {_cents_sum_sql('balance')} AS cents, MAX(owner_id) AS owner_id"
        " FROM open_titles GROUP BY customer_id"
        "), positions AS ("
        f" SELECT c.customer_id, c.oldest, c.titles, c.cents, c.owner_id, {rule_sql} AS rule_id"
        " FROM customers c"
        ")"
    )
    return PositionsQuery(
        sql=sql, params=[False, reference_date, *case_params], bands=bands
    )


def _cents_sum_sql(column: str) -> str:
    """SQL summing a money column into whole cents, exactly: PostgreSQL
    sums its numeric values as they are; SQLite keeps decimals as floating
    point, so each value is rounded to whole cents before the sum."""
    if connection.vendor == "postgresql":
        return f"SUM({column}) * 100"
    return f"SUM(ROUND({column} * 100))"


def days_late_sql(*, reference_param: str, column: str) -> str:
    """SQL for the calendar days between a date parameter and a date column."""
    if connection.vendor == "postgresql":
        return f"({reference_param} - {column})"
    return f"CAST(julianday({reference_param}) - julianday({column}) AS INTEGER)"


def queue_position(*, reference_date: date) -> dict:
    """The "Posição geral da fila" (Protheus TMKR046) as plain data.

    Per selection rule in chain order: its band, customers, titles, balance,
    and how many of those customers an operator owns or nobody owns; then
    what stands out of every band (older than the last band when there is
    no list rule, or kept out by the rules' filters).
    """
    query = positions_query(reference_date=reference_date)
    with connection.cursor() as cursor:
        cursor.execute(
            f"{query.sql} SELECT rule_id, COUNT(*), SUM(titles), SUM(cents), COUNT(owner_id)"
            " FROM positions GROUP BY rule_id",
            query.params,
        )
        totals = {row[0]: row[1:] for row in cursor.fetchall()}

    # TODO: "unowned" counts customers nobody owns; Protheus's "não acionados"
    # (not owned by an operator of a group working that band) is not reported.
    rules = []
    for band in query.bands:
        customers, titles, cents, owned = totals.get(band.rule.pk, (0, 0, 0, 0))
        rules.append(
            {
                "code": band.rule.code,
                "kind": band.rule.kind,
                "from_days": band.from_days,
                "to_days": band.to_days,
                "customers": customers,
                "titles": int(titles or 0),
                "balance": str(from_cents(cents)),
                "owned_customers": owned,
                "unowned_customers": customers - owned,
            }
        )
    customers, titles, cents, _ = totals.get(None, (0, 0, 0, 0))
    return {
        "reference_date": reference_date.isoformat(),
        "rules": rules,
        "out_of_band": {
            "customers": customers,
            "titles": int(titles or 0),
            "balance": str(from_cents(cents)),
        },
    }
