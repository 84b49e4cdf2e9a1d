"""When to refresh the derived read models while the projector works through a backlog.

A refresh recomputes every place and clustering unit named since the last one, so while
the projector is behind, each refresh redoes work the next batches will invalidate again.
It is due every `interval_s`; it is skipped when the backlog left is expected to be gone
within another interval (its end refreshes anyway, so readers wait no longer); and it is
never put off past twice the interval, whatever the estimate says, so the derived rows lag
the claims by a bounded time even when the log grows as fast as it is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["RefreshSchedule"]


@dataclass
class RefreshSchedule:
    interval_s: float
    last_refresh: float  # a time.monotonic() reading
    _rate: float | None = field(default=None, init=False)  # events applied per second

    def record_batch(self, events: int, seconds: float) -> None:
        """Feed the throughput estimate with one applied batch."""
        if events <= 0 or seconds <= 0:
            return
        rate = events / seconds
        # A moving average: one slow batch (a rebalance, a checkpoint) does not swing it.
        self._rate = rate if self._rate is None else 0.8 * self._rate + 0.2 * rate

    def due(self, now: float, lag: int) -> bool:
        """Whether the batch about to be applied should refresh the derived rows too.

        `lag` is the number of records known to be on the broker past this batch.
        """
        if lag <= 0:
            return True  # caught up: readers see every batch at once
        since = now - self.last_refresh
        if since >= 2 * self.interval_s:
            return True
        if since < self.interval_s:
            return False
        return self._rate is None or lag > self._rate * self.interval_s

    def refreshed(self, now: float) -> None:
        self.last_refresh = now
