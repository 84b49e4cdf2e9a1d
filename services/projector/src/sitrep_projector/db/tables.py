"""Every table of the read-model database, so that metadata.create_all sees them all."""

from .articles import ArticleRow, ParagraphRow
from .changes import ChangeRow
from .claims import AllegationRow, ControlClaimRow, DisputeRow, DisputeTargetRow, InterpretationRow
from .dead_letters import DeadLetterRow
from .derived import ControlIntervalRow, IncidentMemberRow, IncidentRow
from .pending import PendingIncidentUnit, PendingPlace
from .places import ActorRow, PlaceRow
from .tracking import AppliedEvent, ConsumerPosition
from .versioning import ProjectionMeta

__all__ = [
    "ActorRow",
    "AllegationRow",
    "AppliedEvent",
    "ArticleRow",
    "ChangeRow",
    "ConsumerPosition",
    "ControlClaimRow",
    "ControlIntervalRow",
    "DeadLetterRow",
    "DisputeRow",
    "DisputeTargetRow",
    "IncidentMemberRow",
    "IncidentRow",
    "InterpretationRow",
    "ParagraphRow",
    "PendingIncidentUnit",
    "PendingPlace",
    "PlaceRow",
    "ProjectionMeta",
]
