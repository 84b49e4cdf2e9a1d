"""The projector's read API is open by default and can be set to need the `read` scope, with
the key store ingest uses (`sitrep_auth`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.security import HTTPAuthorizationCredentials
from fastapi.testclient import TestClient
from sitrep_testing.ingest import auth, write_keys_file

from sitrep_auth import AuthFailure, KeyStore, authorize, hash_key
from sitrep_projector.main import create_app
from sitrep_projector.settings import ProjectorSettings


def projector(tmp_path: Path, **settings: Any) -> TestClient:
    url = f"sqlite:///{tmp_path / 'read-model.db'}"
    return TestClient(create_app(ProjectorSettings(database_url=url, consume=False, **settings)))


@pytest.fixture
def guarded(tmp_path: Path) -> Iterator[TestClient]:
    keys = write_keys_file(tmp_path / "api-keys.json")
    with projector(tmp_path, read_requires_key=True, api_keys_file=keys) as client:
        yield client


def test_the_read_api_is_open_by_default(tmp_path: Path) -> None:
    with projector(tmp_path) as client:
        assert client.get("/v1/articles").status_code == 200
        schema = client.get("/openapi.json").json()
    assert "ApiKey" not in schema.get("components", {}).get("securitySchemes", {})


def test_with_the_setting_a_read_key_is_needed(guarded: TestClient) -> None:
    missing = guarded.get("/v1/articles")
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"].startswith("Bearer")
    assert set(missing.json()) == {"detail"}
    assert guarded.get("/v1/articles", headers={"Authorization": "Bearer nope"}).status_code == 401
    wrong = guarded.get("/v1/incidents", headers=auth("write"))
    assert wrong.status_code == 403
    assert "`read` scope" in wrong.json()["detail"]
    assert guarded.get("/v1/articles", headers=auth("read")).status_code == 200
    assert guarded.get("/v1/control", headers=auth("read")).status_code == 200
    # Probes stay open: orchestrators and metrics scrapers carry no key.
    assert guarded.get("/health/live").status_code == 200


def test_openapi_declares_the_scheme_on_the_read_routes(guarded: TestClient) -> None:
    schema = guarded.get("/openapi.json").json()
    scheme = schema["components"]["securitySchemes"]["ApiKey"]
    assert scheme == {
        "type": "http",
        "scheme": "bearer",
        "description": scheme["description"],
    }
    route = schema["paths"]["/v1/articles"]["get"]
    assert route["security"] == [{"ApiKey": []}]
    assert {"401", "403"} <= set(route["responses"])
    assert "security" not in schema["paths"]["/health/live"]["get"]


def test_the_shared_check_names_each_failure() -> None:
    keys = KeyStore(
        inline=f'{{"keys": [{{"id": "dash", "sha256": "{hash_key("s3cret")}", '
        f'"scopes": ["read"]}}]}}'
    )

    def bearer(secret: str) -> HTTPAuthorizationCredentials:
        return HTTPAuthorizationCredentials(scheme="Bearer", credentials=secret)

    assert authorize(keys, bearer("s3cret"), "read").id == "dash"
    for credentials, scope, status in (
        (None, "read", 401),
        (bearer("other"), "read", 401),
        (bearer("s3cret"), "admin", 403),
    ):
        with pytest.raises(AuthFailure) as failure:
            authorize(keys, credentials, scope)
        assert failure.value.status == status
        assert ("WWW-Authenticate" in failure.value.headers) == (status == 401)
