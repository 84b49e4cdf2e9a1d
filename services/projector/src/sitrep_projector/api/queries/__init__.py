"""The SQL of the API, one module per resource: filters, sorting, pages, rows to JSON.

Routes call these and nothing else touches the tables; the shapes they return are the
response models' (`api/models/`), built as plain dicts for speed (see `responses.py`).
"""
