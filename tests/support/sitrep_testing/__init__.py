"""Test support: claim events built by hand, as the extractor emits them."""
