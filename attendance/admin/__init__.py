"""Admin for build runs, band queues (pre-attendance) and collection lists
(SU4/SU6), plus the "Posição geral da fila" report (Protheus TMKR046).

Everything here is written by the nightly jobs, so it is read-only; a
supervisor may start the chain by hand ("Executar agora"), transfer a
collection list to another operator and change its status.
"""


from .band_queues import BandQueueEntryAdmin
from .build_runs import (
    COUNT_LABELS,
    BuildRunAdmin,
    collections_daily_enqueue,
    count_value_display,
    counts_readable,
    duration_readable,
)
from .collection_lists import (
    CollectionListAdmin,
    CollectionListItemAdmin,
    CollectionListItemInline,
)
from .queue_position import QueuePositionForm, band_label, queue_position_table

__all__ = [
    "COUNT_LABELS",
    "BandQueueEntryAdmin",
    "BuildRunAdmin",
    "CollectionListAdmin",
    "CollectionListItemAdmin",
    "CollectionListItemInline",
    "QueuePositionForm",
    "band_label",
    "collections_daily_enqueue",
    "count_value_display",
    "counts_readable",
    "duration_readable",
    "queue_position_table",
]
