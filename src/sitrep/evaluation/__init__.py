"""Scoring the extractor against hand-labelled articles (`sitrep evaluate`)."""
