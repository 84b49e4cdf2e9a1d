"""Property: the read models depend on the set of claims, never on the order they arrive in.

Streams include late, out-of-date arrivals (claims recorded long after the day they are
about, or about days before claims already seen), duplicates, parts of places, every
modality and every resulting state.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep_projector.projections import (
    AllegationClaim,
    ControlClaim,
    CountRange,
    cluster_incidents,
    control_as_of,
    control_timelines,
)

EPOCH = date(2016, 6, 1)
RECORDED_EPOCH = datetime(2016, 6, 1, tzinfo=UTC)

parties = st.sampled_from([None, "isis", "iraqi_government", "syrian_government", "sdf"])
days = st.one_of(st.none(), st.integers(0, 40).map(lambda n: EPOCH + timedelta(days=n)))
recorded = st.integers(0, 60 * 24).map(lambda h: RECORDED_EPOCH + timedelta(hours=h))
modalities = st.sampled_from(
    [
        "asserted",
        "reported",
        "alleged",
        "claimed_by_party",
        "historical",
        "future",
        "negated",
        "denied",
        "hypothetical",
    ]
)
states = st.sampled_from(
    ["controlled", "contested", "encircled", "advancing_on", "presence", "relinquished"]
)


@st.composite
def control_claims(draw: st.DrawFn, claim_id: int) -> ControlClaim:
    return ControlClaim(
        claim_id=f"c{claim_id:03d}",
        place_id=draw(st.sampled_from(["fallujah", "raqqa", "zakia"])),
        part=draw(st.sampled_from([None, None, None, "northern", "southern edge"])),
        action="captured",
        resulting_state=draw(states),
        recorded_at=draw(recorded),
        article_id=f"a{draw(st.integers(0, 5))}",
        modality=draw(modalities),
        actor_side=draw(parties),
        from_side=draw(parties),
        to_side=draw(st.one_of(st.none(), parties)),
        date_start=draw(days),
        time_precision=draw(st.integers(1, 3)),
        publisher=draw(st.sampled_from([None, "Reuters", "RT", "Sputnik"])),
    )


@st.composite
def control_streams(draw: st.DrawFn) -> list[ControlClaim]:
    size = draw(st.integers(0, 30))
    claims = [draw(control_claims(i)) for i in range(size)]
    duplicates = draw(st.lists(st.sampled_from(claims), max_size=3)) if claims else []
    return claims + duplicates


@given(stream=control_streams(), data=st.data())
@settings(max_examples=300, deadline=None)
def test_shuffled_control_claims_give_the_same_timelines(
    stream: list[ControlClaim], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(stream))
    assert control_timelines(shuffled) == control_timelines(stream)


@given(stream=control_streams(), data=st.data())
@settings(max_examples=200, deadline=None)
def test_shuffled_control_claims_answer_bitemporal_queries_alike(
    stream: list[ControlClaim], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(stream))
    as_of = data.draw(st.integers(0, 45).map(lambda n: EPOCH + timedelta(days=n)))
    known_at = data.draw(st.one_of(st.none(), recorded))
    assert control_as_of(shuffled, as_of, known_at) == control_as_of(stream, as_of, known_at)


@given(stream=control_streams())
@settings(max_examples=200, deadline=None)
def test_timelines_are_well_formed(stream: list[ControlClaim]) -> None:
    for intervals in control_timelines(stream).values():
        for earlier, later in itertools.pairwise(intervals):
            assert earlier.valid_to is not None
            assert earlier.valid_from < earlier.valid_to <= later.valid_from
        assert all(i.supporting_claim_ids or i.contradicting_claim_ids for i in intervals)
        assert all(
            not set(i.supporting_claim_ids) & set(i.contradicting_claim_ids) for i in intervals
        )


counts = st.one_of(
    st.just(CountRange()),
    st.builds(CountRange, st.none(), st.integers(0, 100), st.none()),
    st.builds(CountRange, st.integers(0, 10), st.integers(10, 20), st.integers(20, 90)),
)


@st.composite
def allegation_claims(draw: st.DrawFn, claim_id: int) -> AllegationClaim:
    article = draw(st.integers(0, 6))
    coarse = draw(st.booleans())
    return AllegationClaim(
        claim_id=f"a{claim_id:03d}",
        allegation_type=draw(st.sampled_from(["abduction", "execution", "killing", "looting"])),
        recorded_at=draw(recorded),
        article_id=f"art{article}",
        content_hash=f"hash{article % 4}",
        publisher=f"P{article % 3}",
        modality=draw(st.sampled_from(["asserted", "alleged", "denied", "negated"])),
        perpetrator_side=draw(parties),
        place_id=None if coarse else draw(st.sampled_from(["garma", "saqlawiyah"])),
        geo_precision=3 if coarse else 1,
        admin1="Anbar",
        country="IQ",
        date_start=draw(days),
        time_precision=draw(st.integers(1, 3)),
        reported_on=EPOCH + timedelta(days=draw(st.integers(0, 45))),
        sentence=draw(st.sampled_from([None, "they kidnapped 73 men", "17 were executed"])),
        killed=draw(counts),
        abducted=draw(counts),
    )


@st.composite
def allegation_streams(draw: st.DrawFn) -> tuple[list[AllegationClaim], dict[str, list[str]]]:
    size = draw(st.integers(0, 25))
    claims = [draw(allegation_claims(i)) for i in range(size)]
    disputed = draw(st.lists(st.sampled_from(claims), max_size=3)) if claims else []
    return claims, {c.claim_id: ["dispute-1"] for c in disputed}


@given(stream=allegation_streams(), data=st.data())
@settings(max_examples=300, deadline=None)
def test_shuffled_allegations_give_the_same_incidents(
    stream: tuple[list[AllegationClaim], dict[str, list[str]]], data: st.DataObject
) -> None:
    claims, disputes = stream
    shuffled = data.draw(st.permutations(claims + claims[:3]))
    assert cluster_incidents(shuffled, disputes) == cluster_incidents(claims, disputes)


@given(stream=allegation_streams())
@settings(max_examples=200, deadline=None)
def test_every_reported_allegation_is_in_exactly_one_incident_and_counts_stay_in_range(
    stream: tuple[list[AllegationClaim], dict[str, list[str]]],
) -> None:
    claims, disputes = stream
    incidents = cluster_incidents(claims, disputes)
    members = [m for i in incidents for m in i.member_claim_ids]
    events = {c.claim_id for c in claims if c.modality != "negated"}
    assert sorted(members) == sorted(events)
    assert len({i.incident_key for i in incidents}) == len(incidents)
    for incident in incidents:
        for value in (incident.killed, incident.abducted):
            if value.known:
                assert value.low is not None and value.best is not None
                assert value.high is not None
                assert value.low <= value.best <= value.high
