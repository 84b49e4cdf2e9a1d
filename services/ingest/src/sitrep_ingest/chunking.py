"""How many articles of a batch go to a worker at once: about a fixed amount of build work.

An article costs 75-250 ms of a core to build with extraction and 1-5 ms without (HTML and
language detection in between). A fixed count either keeps a worker busy for seconds, while
other clients' articles wait behind the chunk, or hands the pool and the producers a trickle
of tiny tasks, each a pool round trip and a submission to the producers. So a chunk holds
about `budget_s` of work at the recent cost per article, measured in the workers (not
counting the wait in the pool's queue), and never fewer than `least` articles.

The estimate rises at once and falls slowly: after cheap articles (rejected, or in a language
not extracted) costly ones would otherwise go in chunks sized for the cheap, and the workers
would be held for many times the budget before the estimate caught up.
"""

from __future__ import annotations

__all__ = ["BuildCost"]

_WEIGHT = 0.3  # of a lower measurement in the running estimate (a higher one replaces it)


class BuildCost:
    """A running estimate of the seconds a worker takes to build one article."""

    def __init__(self) -> None:
        self._per_article_s: float | None = None

    @property
    def per_article_s(self) -> float | None:
        return self._per_article_s

    def observe(self, seconds: float, articles: int) -> None:
        if articles <= 0 or seconds < 0:
            return
        measured = seconds / articles
        previous = self._per_article_s
        if previous is None or measured >= previous:
            self._per_article_s = measured
        else:
            self._per_article_s = previous + _WEIGHT * (measured - previous)

    def chunk(self, budget_s: float, least: int, most: int) -> int:
        """Articles a chunk should hold: `least` until a build has been measured."""
        per_article = self._per_article_s
        if per_article is None:
            return least
        if per_article <= 0:
            return max(least, most)
        return max(least, min(most, int(budget_s / per_article)))
