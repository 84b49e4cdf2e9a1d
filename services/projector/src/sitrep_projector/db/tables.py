"""Every table of the read-model database, so that metadata.create_all sees them all."""

from .articles import ArticleRow, ParagraphRow
from .claims import AllegationRow, ControlClaimRow, DisputeRow, DisputeTargetRow, InterpretationRow
from .dead_letters import DeadLetterRow
from .derived import ControlIntervalRow, IncidentMemberRow, IncidentRow
from .places import ActorRow, PlaceRow
from .tracking import AppliedEvent, ConsumerPosition
from .versioning import ProjectionMeta

__all__ = [
    "ActorRow",
    "AllegationRow",
    "AppliedEvent",
    "ArticleRow",
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
    "PlaceRow",
    "ProjectionMeta",
]
