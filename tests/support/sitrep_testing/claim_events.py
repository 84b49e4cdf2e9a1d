"""Claim events constructed directly from the contract, for projector tests and benchmarks.

`seed_article_events` is what a complete extractor reads in the seed article
(`seeds/articles/000_672c0df4b7590af4.txt`, Zero Hedge, 2016-06-05): it lets the read models
be tested end to end independently of the extractor's progress.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sitrep_schemas import (
    ActorRef,
    AllegationDisputed,
    AllegationDisputedData,
    AllegationReported,
    AllegationReportedData,
    ArticleIngested,
    ArticleIngestedData,
    Attribution,
    ControlClaimed,
    ControlClaimedData,
    Count,
    Counts,
    EventEnvelope,
    EventTime,
    ParagraphRecorded,
    ParagraphRecordedData,
    PlaceRef,
    Provenance,
    Victims,
    article_id_for,
    content_hash,
    deterministic_id,
)

SEED_ARTICLE = Path(__file__).resolve().parents[3] / "seeds/articles/000_672c0df4b7590af4.txt"
SEED_URL = "https://www.zerohedge.com/news/2016-06-05/syrian-army-enters-raqqa-province"
EXTRACTOR = "test-1"
# When the seed article's events were recorded, unless a test says otherwise.
RECORDED_AT = datetime(2016, 6, 5, 18, tzinfo=UTC)

PLACES: dict[str, dict[str, Any]] = {
    "fallujah": dict(
        place_id="test:fallujah",
        name="Fallujah",
        feature_type="city",
        country="IQ",
        admin1="Anbar",
        lat=33.35,
        lon=43.78,
        geo_precision=1,
    ),
    "garma": dict(
        place_id="test:garma",
        name="Garma",
        feature_type="town",
        country="IQ",
        admin1="Anbar",
        lat=33.42,
        lon=43.90,
        geo_precision=1,
    ),
    "raqqa": dict(
        place_id="test:raqqa",
        name="Raqqa",
        feature_type="city",
        country="SY",
        admin1="Raqqa",
        lat=35.95,
        lon=39.01,
        geo_precision=1,
    ),
    "zakia": dict(
        place_id="test:zakiyah",
        name="Zakiyah",
        feature_type="crossroads",
        country="SY",
        admin1="Raqqa",
        lat=35.47,
        lon=38.05,
        geo_precision=1,
    ),
    "tabqa": dict(
        place_id="test:tabqa",
        name="Tabqa",
        feature_type="town",
        country="SY",
        admin1="Raqqa",
        lat=35.84,
        lon=38.55,
        geo_precision=1,
    ),
    "resafa": dict(
        place_id="test:resafa",
        name="Resafa",
        feature_type="town",
        country="SY",
        admin1="Raqqa",
        lat=35.63,
        lon=38.76,
        geo_precision=1,
    ),
}

ACTORS: dict[str, dict[str, Any]] = {
    "isf": dict(
        actor_id="iraqi_security_forces",
        name="Iraqi Security Forces",
        side="iraqi_government",
        actor_type="state_forces",
        country="IQ",
    ),
    "pmf": dict(
        actor_id="popular_mobilization_forces",
        name="Popular Mobilization Forces",
        side="iraqi_government",
        actor_type="political_militia",
        country="IQ",
    ),
    "militias": dict(
        actor_id="iraqi_shia_militias",
        name="Iraqi Shi'a militias",
        side="iraqi_government",
        actor_type="political_militia",
        country="IQ",
    ),
    "isis": dict(actor_id="isis", name="Islamic State", side="isis", actor_type="rebel_group"),
    "saa": dict(
        actor_id="syrian_arab_army",
        name="Syrian Arab Army",
        side="syrian_government",
        actor_type="state_forces",
        country="SY",
    ),
    "abadi": dict(
        actor_id="haidar_al_abadi",
        name="Haidar al-Abadi",
        side="iraqi_government",
        actor_type="state_forces",
        country="IQ",
    ),
}


def place(key: str, mention: str | None = None, part: str | None = None) -> PlaceRef:
    fields = PLACES[key]
    return PlaceRef(mention=mention or fields["name"], part=part, resolved=True, **fields)


def actor(key: str, mention: str | None = None) -> ActorRef:
    fields = ACTORS[key]
    return ActorRef(mention=mention or fields["name"], resolved=True, **fields)


@dataclass
class ArticleBuilder:
    """One article and the claims read in it; ids are deterministic like the extractor's."""

    url: str
    publisher: str
    published: date
    paragraphs: list[str]
    recorded_at: datetime = RECORDED_AT
    extractor_version: str = EXTRACTOR
    events: list[EventEnvelope] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.content_hash = content_hash(self.paragraphs)
        self.article_id = article_id_for(self.url, self.content_hash)
        self.events.append(
            ArticleIngested(
                id=deterministic_id("sitrep.article.ingested", self.article_id),
                time=self.recorded_at,
                subject=f"article/{self.article_id}",
                correlation_id=self.article_id,
                data=ArticleIngestedData(
                    article_id=self.article_id,
                    url=self.url,
                    title="test article",
                    publisher=self.publisher,
                    published_at=datetime(*self.published.timetuple()[:3], tzinfo=UTC),
                    content_hash=self.content_hash,
                    paragraph_count=len(self.paragraphs),
                    received_at=self.recorded_at,
                ),
            )
        )
        for index, text in enumerate(self.paragraphs):
            self.events.append(
                ParagraphRecorded(
                    id=deterministic_id("sitrep.paragraph.recorded", self.paragraph_id(index)),
                    time=self.recorded_at,
                    subject=f"article/{self.article_id}",
                    correlation_id=self.article_id,
                    data=ParagraphRecordedData(
                        article_id=self.article_id,
                        paragraph_id=self.paragraph_id(index),
                        index=index,
                        text=text,
                        text_hash=content_hash([text]),
                    ),
                )
            )

    def paragraph_id(self, index: int) -> uuid.UUID:
        return deterministic_id("paragraph", self.article_id, index)

    def _provenance(self, index: int, sentence: str, trigger: str) -> Provenance:
        text = self.paragraphs[index]
        start = max(text.find(sentence), 0)
        at = max(sentence.find(trigger), 0)
        return Provenance(
            article_id=self.article_id,
            paragraph_id=self.paragraph_id(index),
            paragraph_index=index,
            sentence_index=0,
            sentence_start=start,
            sentence_end=start + len(sentence),
            char_start=start + at,
            char_end=start + at + len(trigger),
            sentence=sentence,
            trigger=trigger,
        )

    def _envelope(self, kind: str, index: int, trigger: str, extra: object) -> dict[str, Any]:
        event_id = deterministic_id(
            kind, self.article_id, index, trigger, extra, self.extractor_version
        )
        return dict(
            id=event_id,
            time=self.recorded_at,
            subject=f"article/{self.article_id}",
            correlation_id=self.article_id,
            causation_id=deterministic_id("sitrep.paragraph.recorded", self.paragraph_id(index)),
            extractor_version=self.extractor_version,
        )

    def control(
        self,
        index: int,
        sentence: str,
        trigger: str,
        where: PlaceRef,
        who: ActorRef | None,
        action: str,
        state: str,
        when: EventTime | None = None,
        modality: str = "asserted",
        before: ActorRef | None = None,
        source: str | None = None,
    ) -> ControlClaimed:
        event = ControlClaimed(
            **self._envelope("control", index, trigger, (where.place_id, where.part)),
            data=ControlClaimedData(
                actor=who,
                place=where,
                action=action,
                resulting_state=state,
                from_controller=before,
                when=when or EventTime(start=self.published, precision=1),
                modality=modality,
                attribution=Attribution(source=source),
                confidence=0.8,
                provenance=self._provenance(index, sentence, trigger),
                acled_sub_event_type=None,
            ),
        )
        self.events.append(event)
        return event

    def allegation(
        self,
        index: int,
        sentence: str,
        trigger: str,
        kind: str,
        who: ActorRef | None,
        where: PlaceRef | None,
        counts: Counts | None = None,
        victims: str | None = None,
        sub_event: str | None = None,
        modality: str = "alleged",
        source: str | None = None,
        when: EventTime | None = None,
        place_role: str = "event_site",
    ) -> AllegationReported:
        event = AllegationReported(
            **self._envelope("allegation", index, trigger, kind),
            data=AllegationReportedData(
                allegation_type=kind,
                perpetrator=who,
                victims=Victims(description=victims) if victims else None,
                counts=counts or Counts(),
                place=where,
                place_role=place_role,
                when=when or EventTime(start=self.published, precision=2),
                modality=modality,
                attribution=Attribution(source=source),
                confidence=0.7,
                provenance=self._provenance(index, sentence, trigger),
                acled_sub_event_type=sub_event,
            ),
        )
        self.events.append(event)
        return event

    def dispute(
        self,
        index: int,
        sentence: str,
        trigger: str,
        by: ActorRef,
        disputes: list[AllegationReported],
    ) -> AllegationDisputed:
        event = AllegationDisputed(
            **self._envelope("dispute", index, trigger, "dispute"),
            data=AllegationDisputedData(
                disputed_by=by,
                disputes=tuple(d.id for d in disputes),
                manner="discrediting",
                modality="asserted",
                confidence=0.7,
                provenance=self._provenance(index, sentence, trigger),
            ),
        )
        self.events.append(event)
        return event


def seed_paragraphs() -> list[str]:
    return [line for line in SEED_ARTICLE.read_text(encoding="utf-8").splitlines() if line.strip()]


KIDNAP = (
    "A notable tribal sheikh in Garma claimed that Popular Mobilization militants kidnapped 73 "
    "men from Garma District and executed 17 of them on charges of belonging to ISIS."
)
MOSQUE = (
    "Several local sources claim that Popular Mobilization fighters destroyed the Great Mosque "
    "in Garma while chanting sectarian slogans and vowing to kill residents."
)
LOOTING = (
    "Sources claimed that militias prevented the Sunni Waqf head from entering Garma to organize "
    "Friday prayers, have looted homes and factories around Garma, and arrested civilians."
)


def garma_allegations(
    article: ArticleBuilder, index: int, sentences: tuple[str, str, str] = (KIDNAP, MOSQUE, LOOTING)
) -> list[AllegationReported]:
    kidnap, mosque, looting = sentences
    pmf = actor("pmf", "Popular Mobilization militants")
    return [
        article.allegation(
            index,
            kidnap,
            "kidnapped",
            "abduction",
            pmf,
            place("garma", "Garma District"),
            counts=Counts(abducted=Count(low=73, best=73, high=73, expression="73")),
            victims="73 men",
            sub_event="Abduction/forced disappearance",
            source="a notable tribal sheikh",
            place_role="victims_origin",
        ),
        article.allegation(
            index,
            kidnap,
            "executed",
            "execution",
            pmf,
            place("garma", "Garma District"),
            counts=Counts(killed=Count(low=17, best=17, high=17, expression="17 of them")),
            victims="17 of them",
            sub_event="Attack",
            source="a notable tribal sheikh",
            place_role="victims_origin",
        ),
        article.allegation(
            index,
            mosque,
            "destroyed",
            "religious_site_destruction",
            actor("pmf", "Popular Mobilization fighters"),
            place("garma"),
            victims="the Great Mosque",
            sub_event="Looting/property destruction",
            source="local sources",
        ),
        article.allegation(
            index,
            looting,
            "looted",
            "looting",
            actor("pmf", "militias"),
            place("garma"),
            victims="homes and factories",
            sub_event="Looting/property destruction",
            source="sources",
        ),
        article.allegation(
            index,
            looting,
            "arrested",
            "arrest",
            actor("pmf", "militias"),
            place("garma"),
            victims="civilians",
            sub_event="Arrests",
            source="sources",
        ),
    ]


def seed_article_events(recorded_at: datetime | None = None) -> ArticleBuilder:
    """The seed article with the claims a complete extractor reads in it."""
    article = ArticleBuilder(
        url=SEED_URL,
        publisher="Zero Hedge",
        published=date(2016, 6, 5),
        paragraphs=seed_paragraphs(),
        recorded_at=recorded_at or RECORDED_AT,
    )
    p0 = article.paragraphs[0]
    encircle = p0[p0.index("Here, the advance") :]
    article.control(
        0,
        encircle,
        "encircled",
        place("fallujah"),
        actor("isf", "fighters"),
        "encircled",
        "encircled",
        before=actor("isis"),
        source="Aljazeera",
        modality="reported",
    )
    article.control(
        0,
        encircle,
        "secured its southern edge",
        place("fallujah", "its southern edge", part="southern edge"),
        actor("isf", "fighters"),
        "secured",
        "controlled",
        source="Aljazeera",
        modality="reported",
    )
    article.control(
        2,
        "Indeed, as the ISW reports, Iranian-backed Iraqi Shi'a militias maintain "
        "a steady presence in northern Fallujah, where reports have surfaced of "
        "abuses against Sunni populations.",
        "maintain a steady presence",
        place("fallujah", "northern Fallujah", part="northern"),
        actor("militias"),
        "present",
        "presence",
        source="ISW",
        modality="reported",
    )
    allegations = garma_allegations(article, 2)
    article.dispute(
        2,
        "Prime Minister Haidar al-Abadi, however, criticized media outlets for "
        "distorting the truth and inciting sectarianism through false reporting on "
        "events in Fallujah.",
        "criticized media outlets",
        actor("abadi"),
        allegations,
    )
    raqqa = article.paragraphs[3]
    article.control(
        3,
        raqqa,
        "nearing",
        place("raqqa"),
        actor("saa", "Syrian troops"),
        "advanced_toward",
        "advancing_on",
        source="al-Mayadin",
        modality="reported",
    )
    article.control(
        3,
        raqqa,
        "seized",
        place("raqqa"),
        actor("isis"),
        "captured",
        "controlled",
        modality="historical",
        when=EventTime(start=date(2013, 1, 1), precision=3, expression="in 2013"),
    )
    zakia = (
        "As Sputnik adds, the troops crossed the administrative border of the province, "
        "capturing the strategic town of Zakia, which is an important transportation hub "
        "in the region."
    )
    article.control(
        5,
        zakia,
        "capturing",
        place("zakia", "Zakia"),
        actor("saa", "the troops"),
        "captured",
        "controlled",
        before=actor("isis"),
        source="Sputnik",
        modality="reported",
        when=EventTime(start=date(2016, 6, 2), precision=1, expression="Thursday"),
    )
    tabqa = (
        "Some units of the Syrian army moved by approximately 10 kilometers and are now "
        "advancing towards the city of Tabqa, which has a vital military airfield."
    )
    article.control(
        5,
        tabqa,
        "advancing towards",
        place("tabqa"),
        actor("saa", "Syrian army"),
        "advanced_toward",
        "advancing_on",
        source="Sputnik",
        modality="reported",
    )
    objectives = (
        "The forces have several interim objectives, including the town of al-Thawrah, "
        "a military airfield as well as the town of Resafa."
    )
    article.control(
        6,
        objectives,
        "interim objectives",
        place("tabqa", "al-Thawrah"),
        actor("saa", "The forces"),
        "captured",
        "controlled",
        modality="future",
    )
    article.control(
        6,
        objectives,
        "interim objectives",
        place("resafa"),
        actor("saa", "The forces"),
        "captured",
        "controlled",
        modality="future",
    )
    return article


def second_garma_article(recorded_at: datetime | None = None) -> ArticleBuilder:
    """Another publisher telling the Garma story in its own words, a day later."""
    paragraphs = [
        "Residents of Garma say Popular Mobilisation fighters abducted 73 men from the district "
        "and killed 17 of them, accusing them of ties to ISIS.",
        "Witnesses said the fighters blew up the town's Great Mosque, looted houses and "
        "detained civilians.",
    ]
    article = ArticleBuilder(
        url="https://www.middleeasteye.net/news/garma-abuses",
        publisher="Middle East Eye",
        published=date(2016, 6, 6),
        paragraphs=paragraphs,
        recorded_at=recorded_at or datetime(2016, 6, 6, 9, tzinfo=UTC),
    )
    garma_allegations(article, 0, (paragraphs[0], paragraphs[1], paragraphs[1]))
    return article
