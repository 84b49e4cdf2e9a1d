"""Imports inside the projector point down, and no module imports itself back in a circle."""

from __future__ import annotations

import ast
from pathlib import Path

import sitrep_projector

PACKAGE = Path(sitrep_projector.__file__).parent

# Floors, top to bottom: a module may import its own floor's package and those below.
FLOORS = {
    "main": 6,
    "bootstrap": 5,
    "api": 4,
    "projecting": 3,
    "consuming": 2,
    "db": 2,
    "reference": 2,
    "settings": 2,
    "gc_tuning": 1,
    "projections": 1,
    "ports": 0,
}
# Adapters do not import each other: Kafka knows nothing of SQL and the reverse.
SIBLINGS_APART = {("consuming", "db"), ("db", "consuming"), ("reference", "db")}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The sitrep_projector modules a file imports (at any depth of the file)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.startswith("sitrep_projector"):
                found.add(target)
                for alias in node.names:
                    candidate = f"{target}.{alias.name}"
                    if (PACKAGE.parent / (candidate.replace(".", "/") + ".py")).exists() or (
                        PACKAGE.parent / candidate.replace(".", "/")
                    ).is_dir():
                        found.add(candidate)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("sitrep_projector")}
    found.discard(module)
    return found


def _graph() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) for p in PACKAGE.rglob("*.py")}


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_every_import_points_down() -> None:
    wrong = []
    for module, targets in _graph().items():
        here = _top(module)
        if here not in FLOORS:
            continue
        for target in targets:
            there = _top(target)
            if there == here or there not in FLOORS:
                continue
            if FLOORS[there] > FLOORS[here] or (here, there) in SIBLINGS_APART:
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_no_module_imports_itself_back() -> None:
    graph = _graph()
    # Package __init__ files re-export their modules: an edge into a package stands for
    # its modules, so only module-to-module edges are followed.
    modules = {m for m in graph if not (PACKAGE.parent / m.replace(".", "/")).is_dir()}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in modules:
                continue
            if state.get(target) == 1:
                cycles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for module in sorted(modules):
        if module not in state:
            visit(module)
    assert cycles == []


def test_the_projection_logic_and_the_ports_import_no_client_library() -> None:
    clients = ("kafka", "sqlalchemy", "sqlmodel", "psycopg", "fastapi", "httpx", "starlette")
    for path in [*(PACKAGE / "projections").rglob("*.py"), PACKAGE / "ports.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            for name in names:
                assert not name.startswith(clients), (path.name, name)


def test_the_positions_table_has_one_owner() -> None:
    for path in PACKAGE.rglob("*.py"):
        where = path.relative_to(PACKAGE).as_posix()
        if where in ("db/tracking.py", "db/tables.py"):
            continue
        text = path.read_text(encoding="utf-8")
        assert "ConsumerPosition" not in text, where
        # The rebuild's checksum reads the applied ids to compare two read models; nothing
        # else outside tracking.py touches them.
        assert "AppliedEvent" not in text or where == "db/checksum.py", where
    assert "default_reference" not in "".join(
        p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")
    )
