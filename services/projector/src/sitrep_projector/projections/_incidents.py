"""Allegations clustered into incidents, UCDP-style, across articles and publishers.

Rules:

- Allegations join an incident when they have the same type family (`TYPE_FAMILY`), the
  same perpetrator party (side, else actor; an unknown perpetrator only matches unknown),
  compatible places and days within `WINDOW` of each other (after widening coarse dates,
  see `AllegationClaim.span`). Chains of such links form one incident.
- Places: two precisely located allegations match only at the same place. An allegation
  at a district (its `locality` is its own place) is the parent of the towns in it (whose
  `locality` is that district): it joins the single incident of its towns it fits. An
  allegation known only to its province joins the single precise incident of that province
  it fits. When either fits several, or none, it is not guessed into one: it stays with the
  allegations of its own place (or, province-level, with the other coarse ones it fits).
- Counts: members telling the same story (the same article content, i.e. a re-post or a
  syndicated copy, or the same sentence word for word) count once. Per story, low is the
  least low, high the greatest high and best the greatest best (a later sentence of the
  same article may complete a number). Across stories, low is the least low, high the
  greatest high, and best the median of the bests (the lower middle one when even), never
  a sum: two sources describing 73 abductions are 73 abductions.
- Sources: `publishers` lists every publisher; `source_count` counts independent ones,
  i.e. the publisher that first carried each story.
- Disputed: any member named by an `AllegationDisputed`, or reported as denied.
- Key: a UUIDv5 of the family, the perpetrator and the earliest member (by day, then id):
  the same claims give the same key whatever the arrival order or the rebuild.

All of it is set-based and sorted, so shuffling the claims changes nothing.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sitrep_schemas import deterministic_id

from ._allegations import (
    NON_EVENT_MODALITIES,
    AllegationClaim,
    CountRange,
)

__all__ = [
    "WINDOW",
    "BlockKey",
    "Incident",
    "block_key",
    "cluster_incidents",
    "combine_counts",
    "story_groups",
]

WINDOW = timedelta(days=3)

BlockKey = tuple[str, str, str, str]  # (family, perpetrator party, country, region)

UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Incident:
    incident_key: str
    family: str
    allegation_types: tuple[str, ...]
    acled_sub_event_type: str | None
    perpetrator: str | None
    perpetrator_actor_ids: tuple[str, ...]
    place_id: str | None
    place_name: str | None
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    date_start: date
    date_end: date
    time_precision: int
    first_reported: datetime | None  # the earliest publication of a member's article
    last_reported: datetime | None  # the latest one (None: no article gave its date)
    first_recorded: datetime  # when the log first recorded a member
    last_recorded: datetime  # when it recorded the last one
    killed: CountRange
    injured: CountRange
    abducted: CountRange
    arrested: CountRange
    publishers: tuple[str, ...]
    source_count: int
    disputed: bool
    member_claim_ids: tuple[str, ...]
    dispute_claim_ids: tuple[str, ...]

    @property
    def publisher_count(self) -> int:
        return len(self.publishers)


def block_key(claim: AllegationClaim) -> BlockKey:
    """Claims that could ever share an incident share a block: the unit a projector reclusters.

    The region is the province when known, so that a precise town and its province meet.
    """
    region = claim.admin1 or (f"place:{claim.place_id}" if claim.place_id else UNKNOWN)
    return (claim.family, claim.perpetrator or UNKNOWN, claim.country or UNKNOWN, region)


def _near(a: AllegationClaim, b: AllegationClaim) -> bool:
    a_start, a_end = a.span
    b_start, b_end = b.span
    return a_start <= b_end + WINDOW and b_start <= a_end + WINDOW


def _same_actor(a: AllegationClaim, b: AllegationClaim) -> bool:
    # Same side, but two different named groups of that side are two perpetrators.
    return not (
        a.perpetrator_actor_id
        and b.perpetrator_actor_id
        and a.perpetrator_actor_id != b.perpetrator_actor_id
        and not (a.perpetrator_side and a.perpetrator_side == b.perpetrator_side)
    )


class _UnionFind:
    def __init__(self, ids: Iterable[str]) -> None:
        self.parent = {i: i for i in ids}

    def find(self, item: str) -> str:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller id wins, so the result never depends on the order of unions.
            low, high = sorted((ra, rb))
            self.parent[high] = low

    def groups(self) -> list[list[str]]:
        by_root: dict[str, list[str]] = defaultdict(list)
        for item in sorted(self.parent):
            by_root[self.find(item)].append(item)
        return sorted(by_root.values())


def _cluster_block(claims: list[AllegationClaim]) -> list[list[AllegationClaim]]:
    by_id = {c.claim_id: c for c in claims}
    precise = sorted((c for c in claims if not c.coarse_place), key=lambda c: c.claim_id)
    coarse = sorted((c for c in claims if c.coarse_place), key=lambda c: c.claim_id)
    links = _UnionFind(by_id)
    for i, a in enumerate(precise):
        for b in precise[i + 1 :]:
            if a.place_id == b.place_id and _near(a, b) and _same_actor(a, b):
                links.union(a.claim_id, b.claim_id)
    town_groups = links.groups()
    parents: list[tuple[str, str]] = []
    for c in precise:
        if c.locality is None or c.locality != c.place_id:
            continue
        fits = [
            g
            for g in town_groups
            if any(
                by_id[m].locality == c.place_id
                and by_id[m].place_id != c.place_id
                and _near(c, by_id[m])
                and _same_actor(c, by_id[m])
                for m in g
            )
        ]
        if len(fits) == 1:
            parents.append((c.claim_id, fits[0][0]))
    for claim_id, group_id in parents:  # decided on the groups above, then joined
        links.union(claim_id, group_id)
    precise_ids = {c.claim_id for c in precise}
    # Coarse claims are still alone here, so a group led by a precise claim is all precise.
    precise_groups = [g for g in links.groups() if g[0] in precise_ids]
    unplaced: list[AllegationClaim] = []
    for c in coarse:
        fits = [
            g
            for g in precise_groups
            if any(_near(c, by_id[m]) and _same_actor(c, by_id[m]) for m in g)
        ]
        if len(fits) == 1:
            links.union(c.claim_id, fits[0][0])
        else:
            unplaced.append(c)
    for i, a in enumerate(unplaced):
        for b in unplaced[i + 1 :]:
            if _near(a, b) and _same_actor(a, b):
                links.union(a.claim_id, b.claim_id)
    return [[by_id[i] for i in group] for group in links.groups()]


_WORDS = re.compile(r"\w+")


def _sentence_fingerprint(sentence: str | None) -> str | None:
    if not sentence:
        return None
    return " ".join(_WORDS.findall(sentence.lower())) or None


def story_groups(members: Iterable[AllegationClaim]) -> list[list[AllegationClaim]]:
    """Members that are one story told again: same article content, or the same sentence."""
    by_id = {c.claim_id: c for c in members}
    links = _UnionFind(by_id)
    first_by: dict[tuple[str, str], str] = {}
    for c in sorted(by_id.values(), key=lambda c: c.claim_id):
        markers = (("content", c.content_hash), ("sentence", _sentence_fingerprint(c.sentence)))
        for kind, value in markers:
            if value is None:
                continue
            key = (kind, value)
            if key in first_by:
                links.union(first_by[key], c.claim_id)
            else:
                first_by[key] = c.claim_id
    return [[by_id[i] for i in group] for group in links.groups()]


def combine_counts(stories: list[list[CountRange]]) -> CountRange:
    """One estimate from several stories, each a list of its members' estimates."""
    per_story: list[CountRange] = []
    for story in stories:
        known = [c.filled() for c in story if c.known]
        if not known:
            continue
        per_story.append(
            CountRange(
                min(c.low for c in known if c.low is not None),
                max(c.best for c in known if c.best is not None),
                max(c.high for c in known if c.high is not None),
            )
        )
    if not per_story:
        return CountRange()
    return CountRange(
        min(c.low for c in per_story if c.low is not None),
        statistics.median_low([c.best for c in per_story if c.best is not None]),
        max(c.high for c in per_story if c.high is not None),
    )


def _most_common(values: Iterable[str | None]) -> str | None:
    counted = Counter(v for v in values if v is not None)
    if not counted:
        return None
    return min(counted, key=lambda v: (-counted[v], v))


def _first_publisher(story: list[AllegationClaim]) -> str:
    first = min(story, key=lambda c: (c.recorded_at, c.publisher or "", c.claim_id))
    return first.publisher or f"article:{first.article_id}"


def _incident(members: list[AllegationClaim], disputes: Mapping[str, Iterable[str]]) -> Incident:
    members = sorted(members, key=lambda c: c.claim_id)
    anchor = min(members, key=lambda c: (c.span[0], c.claim_id))
    family, perpetrator = anchor.family, anchor.perpetrator
    stories = story_groups(members)
    place_id = _most_common(c.place_id for c in members if not c.coarse_place)
    located = [c for c in members if c.place_id == place_id] if place_id else members
    where = min(located, key=lambda c: (c.geo_precision or 4, c.claim_id))
    dispute_ids = sorted({d for c in members for d in disputes.get(c.claim_id, ())})
    dated = [c for c in members if c.date_start or c.date_end] or members
    published = [c.published_at for c in members if c.published_at is not None]
    return Incident(
        incident_key=str(deterministic_id("incident", family, perpetrator, anchor.claim_id)),
        family=family,
        allegation_types=tuple(sorted({c.allegation_type for c in members})),
        acled_sub_event_type=_most_common(c.acled_sub_event_type for c in members),
        perpetrator=perpetrator,
        perpetrator_actor_ids=tuple(
            sorted({c.perpetrator_actor_id for c in members if c.perpetrator_actor_id})
        ),
        place_id=place_id,
        place_name=where.place_name,
        admin1=_most_common(c.admin1 for c in members),
        country=_most_common(c.country for c in members),
        lat=where.lat,
        lon=where.lon,
        geo_precision=where.geo_precision,
        date_start=min(c.date_start or c.date_end or c.span[1] for c in dated),
        date_end=max(c.date_end or c.date_start or c.span[1] for c in dated),
        time_precision=min(c.time_precision for c in dated),
        first_reported=min(published) if published else None,
        last_reported=max(published) if published else None,
        first_recorded=min(c.recorded_at for c in members),
        last_recorded=max(c.recorded_at for c in members),
        killed=combine_counts([[c.killed for c in s] for s in stories]),
        injured=combine_counts([[c.injured for c in s] for s in stories]),
        abducted=combine_counts([[c.abducted for c in s] for s in stories]),
        arrested=combine_counts([[c.arrested for c in s] for s in stories]),
        publishers=tuple(sorted({c.publisher for c in members if c.publisher})),
        source_count=len({_first_publisher(s) for s in stories}),
        disputed=bool(dispute_ids) or any(c.modality == "denied" for c in members),
        member_claim_ids=tuple(c.claim_id for c in members),
        dispute_claim_ids=tuple(dispute_ids),
    )


def cluster_incidents(
    claims: Iterable[AllegationClaim],
    disputes: Mapping[str, Iterable[str]] | None = None,
) -> tuple[Incident, ...]:
    """Incidents from allegations; `disputes` maps an allegation id to the disputing event ids."""
    disputes = disputes or {}
    blocks: dict[BlockKey, dict[str, AllegationClaim]] = defaultdict(dict)
    for claim in claims:
        if claim.modality in NON_EVENT_MODALITIES:
            continue
        blocks[block_key(claim)].setdefault(claim.claim_id, claim)
    incidents = [
        _incident(group, disputes)
        for key in sorted(blocks)
        for group in _cluster_block(list(blocks[key].values()))
    ]
    return tuple(sorted(incidents, key=lambda i: (i.date_start, i.incident_key)))
