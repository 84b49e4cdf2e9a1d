"""Infrastructure failures as the services see them, whatever client library raised them."""

from __future__ import annotations

__all__ = ["BrokerUnavailable"]


class BrokerUnavailable(RuntimeError):
    """The broker could not be reached or did not confirm in time; retrying later may work."""
