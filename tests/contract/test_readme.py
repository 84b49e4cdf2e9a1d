"""The README documents what the code does: every setting, every subcommand."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings

from sitrep.cli import build_parser
from sitrep_ingest.settings import IngestSettings
from sitrep_projector.settings import ProjectorSettings

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


def env_names(settings: type[BaseSettings]) -> set[str]:
    prefix = str(settings.model_config.get("env_prefix", ""))
    names = set()
    for name, field in settings.model_fields.items():
        alias = field.validation_alias
        choices = getattr(alias, "choices", None)
        names.add(str(choices[0]) if choices else f"{prefix}{name}".upper())
    return names


def test_every_environment_variable_is_in_the_readme() -> None:
    missing = sorted(
        name
        for settings in (IngestSettings, ProjectorSettings)
        for name in env_names(settings)
        if f"`{name}`" not in README
    )
    assert missing == [], f"README's configuration table lacks {missing}"


def test_every_subcommand_is_in_the_readme() -> None:
    parser = build_parser()
    subcommands = next(a for a in parser._actions if a.dest == "command").choices
    assert subcommands is not None
    missing = sorted(name for name in subcommands if f"`sitrep {name}" not in README)
    assert missing == [], f"README's command table lacks {missing}"
