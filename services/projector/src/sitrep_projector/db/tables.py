"""Every table of the read-model database, so that metadata.create_all sees them all."""

from .articles import ArticleRow, ParagraphRow
from .dead_letters import DeadLetterRow
from .tracking import AppliedEvent, ConsumerPosition

__all__ = ["AppliedEvent", "ArticleRow", "ConsumerPosition", "DeadLetterRow", "ParagraphRow"]
