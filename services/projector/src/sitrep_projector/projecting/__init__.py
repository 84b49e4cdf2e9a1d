"""The use case: apply batches of the event log to the read models, exactly once in effect.

`apply_batch` applies one prepared batch in one transaction; `ProjectorRunner` is the live
loop (with `ReadAhead` and the `RefreshSchedule` of the derived read models); `rebuild`
replays the whole log into fresh tables. Written against `ports`, never against Kafka.
"""

from .batch import (
    BatchOutcome,
    PreparedBatch,
    PreparedRecord,
    apply_batch,
    prepare_batch,
    refresh_derived_models,
)
from .read_ahead import Read, ReadAhead
from .rebuild import Progress, RebuildResult, needs_rebuild, rebuild
from .refresh_schedule import RefreshSchedule
from .runner import ProjectorRunner, RunnerStatus, stored_positions_loader

__all__ = [
    "BatchOutcome",
    "PreparedBatch",
    "PreparedRecord",
    "Progress",
    "ProjectorRunner",
    "Read",
    "ReadAhead",
    "RebuildResult",
    "RefreshSchedule",
    "RunnerStatus",
    "apply_batch",
    "needs_rebuild",
    "prepare_batch",
    "rebuild",
    "refresh_derived_models",
    "stored_positions_loader",
]
