"""The `sitrep` operator command and the local development stack."""
