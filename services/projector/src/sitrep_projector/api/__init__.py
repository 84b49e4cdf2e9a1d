"""The projector's REST API for dashboards and analysts."""
