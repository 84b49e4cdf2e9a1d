"""`sitrep reinterpret` on the real broker and PostgreSQL: an older extractor's readings in
the read models are replaced by the current extractor's, nothing duplicated, and a second
run changes nothing.

The log is first written as ingest would have written it with an older extractor
(`OlderExtractor`: today's rules under version 1.0.0-test, finding allegations and disputes
but no control claims), for the seed article and a second source on Garma. The projector
runs as its own process; `sitrep reinterpret` runs as the operator would run it, a process
of its own talking to Kafka. The read models are read through the projector's REST API and,
for an exact account of the rows, from PostgreSQL.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from sitrep_testing.event_log import (
    TransactionalPublisher,
    create_event_topics,
    end_offsets,
    has_caught_up,
)
from sitrep_testing.extractor import loaded_extractor, older_extractor
from sitrep_testing.waiting import wait_for

from sitrep.devstack import PROJECTOR_APP, ServiceProcess, create_database, drop_database
from sitrep_ingest.articles import ArticleBody
from sitrep_ingest.events import ArticleEvents, article_events
from sitrep_schemas import ControlClaimed

pytestmark = [pytest.mark.kafka, pytest.mark.postgres, pytest.mark.slow]

ROOT = Path(__file__).parents[2]
SEED = ROOT / "seeds" / "articles" / "000_672c0df4b7590af4.txt"
SECOND = Path(__file__).parent / "articles" / "garma_second_source.txt"
RECEIVED = datetime(2016, 6, 6, 9, 0, tzinfo=UTC)
ZAKIA = "curated:sy-zakiyah-crossroads"
CLAIM_TABLES = ("control_claims", "allegations", "disputes")

ARTICLES = (
    ArticleBody(
        url="https://www.zerohedge.com/news/2016-06-05/fallujah-raqqa",
        title="Syrian Army enters Raqqa province as Kurds, rebels advance",
        publisher="Zero Hedge",
        published_at="2016-06-05",
        text=SEED.read_text(encoding="utf-8"),
    ),
    ArticleBody(
        url="https://www.middleeasteye.net/news/iraq-garma-tribal-leaders-accuse-militias",
        title="Tribal leaders accuse Shia militias of abuses near Fallujah",
        publisher="Middle East Eye",
        published_at="2016-06-06",
        text=SECOND.read_text(encoding="utf-8"),
    ),
)


def claim_ids(readings: list[ArticleEvents]) -> set[uuid.UUID]:
    return {
        e.id
        for r in readings
        for e in r.events
        if e.type.startswith(("sitrep.control", "sitrep.allegation"))
    }


@dataclass
class ReadModels:
    """What the read models say about the log, at one moment."""

    live: dict[str, set[uuid.UUID]]  # claim table -> ids not superseded
    superseded: dict[str, set[uuid.UUID]]
    rows: int  # claim rows in all three tables
    versions: Counter[str]  # extractor_version of every claim row
    incidents: list[dict[str, Any]]  # /v1/incidents, every page
    incident_members: set[uuid.UUID]
    interval_claims: set[uuid.UUID]  # supporting and contradicting claims of every interval
    zakia: list[dict[str, Any]]  # /v1/control?place=<Zakia>
    allegations_by_article: dict[str, list[str]]  # /v1/allegations?article_id=...
    events_applied: int

    def all_live(self) -> set[uuid.UUID]:
        return set().union(*self.live.values())


@dataclass
class Run:
    stdout: str
    stderr: str
    ends: dict[str, int]
    after: ReadModels


@dataclass
class Story:
    older: list[ArticleEvents]
    current: list[ArticleEvents]
    before: ReadModels
    before_ends: dict[str, int]
    dry: Run
    first: Run
    second: Run


def get(projector: ServiceProcess, path: str, **params: Any) -> Any:
    response = httpx.get(f"{projector.url}{path}", params=params, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def every_page(projector: ServiceProcess, path: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = get(projector, path, limit=500, **params, **({"cursor": cursor} if cursor else {}))
        items.extend(page["items"])
        cursor = page.get("next_cursor")
        if not cursor:
            return items


def read_models(
    engine: sa.Engine, projector: ServiceProcess, articles: list[uuid.UUID]
) -> ReadModels:
    live: dict[str, set[uuid.UUID]] = {}
    superseded: dict[str, set[uuid.UUID]] = {}
    versions: Counter[str] = Counter()
    rows = 0
    with engine.connect() as db:
        for table in CLAIM_TABLES:
            found = db.execute(
                sa.text(f"SELECT event_id, superseded, extractor_version FROM {table}")
            ).all()
            rows += len(found)
            live[table] = {uuid.UUID(str(r[0])) for r in found if not r[1]}
            superseded[table] = {uuid.UUID(str(r[0])) for r in found if r[1]}
            versions.update(r[2] for r in found)
        members = {
            uuid.UUID(str(r[0]))
            for r in db.execute(sa.text("SELECT allegation_event_id FROM incident_members"))
        }
        interval_claims = {
            uuid.UUID(claim)
            for supporting, contradicting in db.execute(
                sa.text(
                    "SELECT supporting_claim_ids, contradicting_claim_ids FROM control_intervals"
                )
            )
            for claim in [*supporting, *contradicting]
        }
    status = get(projector, "/health/ready")
    return ReadModels(
        live=live,
        superseded=superseded,
        rows=rows,
        versions=versions,
        incidents=every_page(projector, "/v1/incidents"),
        incident_members=members,
        interval_claims=interval_claims,
        zakia=get(projector, "/v1/control", place=ZAKIA, limit=100)["items"],
        allegations_by_article={
            str(a): sorted(
                i["claim_id"] for i in every_page(projector, "/v1/allegations", article_id=str(a))
            )
            for a in articles
        },
        events_applied=status["consumer"]["events_applied"],
    )


def incident_facts(incidents: list[dict[str, Any]]) -> Counter[str]:
    """What an incident says, without the ids of the claims it is made of."""
    ignored = {
        "incident_id",
        "claim_ids",
        "claims",
        "dispute_ids",
        "first_reported",
        "last_reported",
    }
    return Counter(
        repr(sorted((k, repr(v)) for k, v in i.items() if k not in ignored)) for i in incidents
    )


def reinterpret(
    bootstrap: str, topic: str, *options: str, status: int = 0
) -> subprocess.CompletedProcess[str]:
    """The command as an operator runs it: a process of its own."""
    result = subprocess.run(
        [sys.executable, "-m", "sitrep.cli", "reinterpret", "--bootstrap-servers", bootstrap,
         "--topic", topic, *options],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )  # fmt: skip
    assert result.returncode == status, result.stderr
    return result


@pytest.fixture(scope="module")
def story(
    kafka_bootstrap: str, postgres_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Story]:
    suffix = uuid.uuid4().hex[:8]
    topic = f"sitrep.e2e.reinterpret.{suffix}"
    create_event_topics(kafka_bootstrap, topic)
    older = [article_events(a, RECEIVED, older_extractor()) for a in ARTICLES]
    current = [article_events(a, RECEIVED, loaded_extractor()) for a in ARTICLES]
    with closing(TransactionalPublisher(kafka_bootstrap, topic, "e2e-older-ingest")) as publisher:
        for article in older:
            publisher.publish(article.events)  # one transaction per article, as ingest does

    database = create_database(postgres_url)
    engine = sa.create_engine(database)
    projector = ServiceProcess(
        "projector",
        PROJECTOR_APP,
        env={
            "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
            "DATABASE_URL": database,
            "SITREP_EVENTS_TOPIC": topic,
            "SITREP_DEAD_LETTER_TOPIC": f"{topic}.dead-letter",
            "SITREP_PROJECTOR_GROUP_ID": f"sitrep-e2e-{suffix}",
        },
        log_dir=tmp_path_factory.mktemp("reinterpret-logs"),
    )
    article_ids = [a.article_id for a in older]

    def caught_up() -> dict[str, int]:
        ends = {tp: end for tp, end in end_offsets(kafka_bootstrap, topic).items() if end}
        wait_for(
            lambda: has_caught_up(get(projector, "/health/ready"), ends),
            f"projector to reach {ends}",
            deadline_s=120,
        )
        return ends

    def run(*options: str) -> Run:
        result = reinterpret(kafka_bootstrap, topic, *options)
        ends = caught_up()
        return Run(result.stdout, result.stderr, ends, read_models(engine, projector, article_ids))

    try:
        with projector:
            before_ends = caught_up()
            before = read_models(engine, projector, article_ids)
            dry = run("--dry-run")
            first = run()
            second = run()
        yield Story(older, current, before, before_ends, dry, first, second)
    finally:
        engine.dispose()
        drop_database(database)


def test_before_the_reinterpretation_the_older_readings_are_the_read_models(story: Story) -> None:
    before, older = story.before, claim_ids(story.older)
    assert before.all_live() == older
    assert before.versions == Counter({older_extractor().version: len(older)})
    assert before.live["control_claims"] == set()  # the older extractor reads no place as held
    assert before.zakia == []
    assert before.incidents and before.incident_members <= older


def test_the_current_readings_replace_the_older_ones_and_nothing_is_duplicated(
    story: Story,
) -> None:
    after, older, current = story.first.after, claim_ids(story.older), claim_ids(story.current)
    assert older.isdisjoint(current)
    # Every claim the current extractor reads is live, and nothing else is.
    assert after.all_live() == current
    assert set().union(*after.superseded.values()) == older
    assert after.rows == len(older) + len(current)
    assert after.versions == Counter(
        {older_extractor().version: len(older), loaded_extractor().version: len(current)}
    )
    # The derived read models are made of current claims only.
    assert after.incident_members <= current and after.incident_members
    assert after.interval_claims <= current and after.interval_claims
    # The allegations of each article are the current ones, each once.
    for article in story.current:
        expected = sorted(
            str(e.id) for e in article.events if e.type == "sitrep.allegation.reported"
        )
        assert after.allegations_by_article[str(article.article_id)] == expected
    # The same rules read the same allegations: the incidents say what they said before
    # (counts, sources, publishers, disputes), made of the new claims, none counted twice.
    assert incident_facts(after.incidents) == incident_facts(story.before.incidents)
    garma = [i for i in after.incidents if i["family"] == "abduction"]
    assert [(i["abducted"]["best"], i["source_count"]) for i in garma] == [(73, 2)]


def test_the_current_reading_shows_what_the_older_one_missed(story: Story) -> None:
    zakia = {i["part"]: i for i in story.first.after.zakia}[None]
    assert (zakia["controller"], zakia["state"]) == ("syrian_government", "controlled")
    current_control = {
        str(e.id) for a in story.current for e in a.events if isinstance(e, ControlClaimed)
    }
    assert set(zakia["supporting_claim_ids"]) <= current_control


def test_the_command_reports_what_it_published_with_a_progress_bar(story: Story) -> None:
    paragraphs = sum(a.paragraph_count for a in story.current)
    claims = sum(a.claim_count for a in story.current)
    out = story.first.stdout
    assert f"extractor {loaded_extractor().version}: 2 articles, 2 with new readings" in out
    assert f"{paragraphs} paragraphs read, {claims} claims published" in out
    assert "0 paragraphs skipped" in out
    assert "2/2 articles" in story.first.stderr
    assert story.first.after.events_applied == story.before.events_applied + claims + paragraphs


def test_a_second_run_publishes_nothing_and_changes_nothing(story: Story) -> None:
    paragraphs = sum(a.paragraph_count for a in story.current)
    out = story.second.stdout
    assert "2 articles, 0 with new readings; 0 paragraphs read, 0 claims published" in out
    assert f"{paragraphs} paragraphs skipped" in out
    assert story.second.ends == story.first.ends  # not even an empty transaction
    assert story.second.after == story.first.after


def test_a_dry_run_counts_what_the_run_publishes_and_publishes_nothing(story: Story) -> None:
    prefix = "dry run, nothing published: "
    dry = story.dry.stdout
    assert dry.startswith(prefix) and "claims would be published" in dry
    # The counts of the run that followed, word for word but for the verb and the time.
    counts = dry.removeprefix(prefix).replace("would be published", "published")
    assert counts.split(";")[:3] == story.first.stdout.split(";")[:3]
    assert story.dry.ends == story.before_ends
    assert story.dry.after == story.before


def test_a_topic_that_does_not_exist_is_an_error_that_names_it(kafka_bootstrap: str) -> None:
    missing = f"sitrep.e2e.missing.{uuid.uuid4().hex[:8]}"
    result = reinterpret(kafka_bootstrap, missing, "--quiet", status=1)
    assert f"topic {missing} not found" in result.stderr
    assert result.stdout == ""
