"""When the derived read models are refreshed while the projector works through a backlog."""

from __future__ import annotations

from sitrep_projector.projecting import RefreshSchedule


def test_every_batch_refreshes_once_caught_up() -> None:
    schedule = RefreshSchedule(interval_s=10, last_refresh=0)
    assert schedule.due(now=0.1, lag=0)


def test_behind_the_log_the_refresh_waits_for_the_interval() -> None:
    schedule = RefreshSchedule(interval_s=10, last_refresh=0)
    schedule.record_batch(events=2_000, seconds=0.2)  # 10,000 events/s
    assert not schedule.due(now=5, lag=500_000)
    assert schedule.due(now=10, lag=500_000)  # another 50 s of backlog: refresh now


def test_a_backlog_about_to_end_is_refreshed_at_its_end_not_before() -> None:
    schedule = RefreshSchedule(interval_s=10, last_refresh=0)
    schedule.record_batch(events=2_000, seconds=0.2)
    assert not schedule.due(now=11, lag=20_000)  # two seconds of work left
    assert schedule.due(now=11.5, lag=0)


def test_the_refresh_is_never_put_off_past_twice_the_interval() -> None:
    # A log growing as fast as it is read always looks about to be caught up.
    schedule = RefreshSchedule(interval_s=10, last_refresh=0)
    schedule.record_batch(events=2_000, seconds=0.2)
    assert not schedule.due(now=19.9, lag=2_000)
    assert schedule.due(now=20, lag=2_000)
    schedule.refreshed(now=20)
    assert not schedule.due(now=25, lag=2_000)


def test_without_a_throughput_estimate_the_interval_alone_decides() -> None:
    schedule = RefreshSchedule(interval_s=10, last_refresh=0)
    assert not schedule.due(now=9, lag=10)
    assert schedule.due(now=10, lag=10)
