"""The API's response models: the wire format, defined apart from the tables."""

from .allegations import Allegation
from .articles import ArticleDetail, ArticleSummary, Paragraph
from .changes import ChangeFeed, ChangeItem
from .common import Estimate, Page
from .control import ControlEntry, PartState, PlaceControl, PlaceStateView
from .dead_letters import DeadLetter
from .events import Provenance
from .geojson import CollectionProperties, Feature, FeatureCollection, Point
from .health import ConsumerStatus, Readiness
from .incidents import Dispute, IncidentClaim, IncidentDetail, IncidentSummary
from .places import Actor, Place
from .stats import CasualtyGroup

__all__ = [
    "Actor",
    "Allegation",
    "ArticleDetail",
    "ArticleSummary",
    "CasualtyGroup",
    "ChangeFeed",
    "ChangeItem",
    "CollectionProperties",
    "ConsumerStatus",
    "ControlEntry",
    "DeadLetter",
    "Dispute",
    "Estimate",
    "Feature",
    "FeatureCollection",
    "IncidentClaim",
    "IncidentDetail",
    "IncidentSummary",
    "Page",
    "Paragraph",
    "PartState",
    "Place",
    "PlaceControl",
    "PlaceStateView",
    "Point",
    "Provenance",
    "Readiness",
]
