"""Group commit batches concurrent articles into one transaction and fails them together."""

from __future__ import annotations

import threading
from concurrent.futures import Future

import pytest

from sitrep_eventlog import BrokerUnavailable, EncodedEvent
from sitrep_ingest.publishing import GroupCommitter


def record(n: int) -> EncodedEvent:
    return EncodedEvent(key=b"k", value=str(n).encode(), headers=[])


class RecordingProducer:
    """Stands in for a transactional producer in these unit tests (no broker involved)."""

    def __init__(self, log: list[list[bytes]], fail_commits: int = 0) -> None:
        self.log = log
        self.fail_commits = fail_commits
        self.pending: list[bytes] = []
        self.closed = False
        self.gate = threading.Event()
        self.gate.set()
        self.committing = threading.Event()

    def init_transactions(self) -> None:
        pass

    def begin_transaction(self) -> None:
        self.pending = []

    def send_record(self, record: EncodedEvent) -> None:
        self.pending.append(record.value)

    def commit_transaction(self) -> None:
        self.committing.set()
        self.gate.wait(5)
        if self.fail_commits:
            self.fail_commits -= 1
            raise RuntimeError("broker went away")
        self.log.append(self.pending)

    def close(self) -> None:
        self.closed = True


def test_articles_arriving_together_share_one_transaction() -> None:
    committed: list[list[bytes]] = []
    producer = RecordingProducer(committed)
    producer.gate.clear()  # hold the first commit so the others queue up behind it
    committer = GroupCommitter(lambda _: producer, workers=1, linger_s=0.0, max_batch=10)
    first = committer.submit([record(0)], timeout_s=5)
    assert producer.committing.wait(5)
    futures: list[Future[None]] = [
        committer.submit([record(n), record(n)], timeout_s=5) for n in (1, 2, 3)
    ]
    producer.gate.set()
    for f in [first, *futures]:
        f.result(timeout=5)
    committer.close()
    assert committed[0] == [b"0"]
    assert committed[1] == [b"1", b"1", b"2", b"2", b"3", b"3"]


def test_a_failed_commit_fails_every_article_in_it_and_the_producer_is_replaced() -> None:
    committed: list[list[bytes]] = []
    made: list[RecordingProducer] = []

    def make(_: int) -> RecordingProducer:
        made.append(RecordingProducer(committed, fail_commits=1 if not made else 0))
        return made[-1]

    committer = GroupCommitter(make, workers=1, linger_s=0.0)
    with pytest.raises(BrokerUnavailable, match="broker went away"):
        committer.submit([record(1)], timeout_s=5).result(timeout=5)
    committer.submit([record(2)], timeout_s=5).result(timeout=5)
    committer.close()
    assert made[0].closed
    assert committed == [[b"2"]]


def test_a_request_that_already_timed_out_is_not_published() -> None:
    committed: list[list[bytes]] = []
    producer = RecordingProducer(committed)
    producer.gate.clear()
    committer = GroupCommitter(lambda _: producer, workers=1, linger_s=0.0)
    blocker = committer.submit([record(0)], timeout_s=5)
    assert producer.committing.wait(5)
    late = committer.submit([record(1)], timeout_s=0.01)
    threading.Event().wait(0.05)  # let the late request's deadline pass while the first commits
    producer.gate.set()
    blocker.result(timeout=5)
    with pytest.raises(BrokerUnavailable):
        late.result(timeout=5)
    committer.close()
    assert committed == [[b"0"]]
