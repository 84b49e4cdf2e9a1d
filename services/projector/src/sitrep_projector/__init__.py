"""sitrep projector: consumes the event log into SQL read models and serves them over REST."""
