"""The package's shape: stage sub-packages whose imports only go down the pipeline, no import
cycle, no module over 400 lines, and a docstring that says each stage's job."""

from __future__ import annotations

import ast
from pathlib import Path

from support import REPO

PACKAGE = REPO / "generator"
MAX_LINES = 400

STAGES = ("schema", "read", "pages", "outputs", "tools", "pipeline", "engines", "plugin", "cli")
"""The stages in the order data flows through them, declared once: ``generator/<stage>/`` (a
sub-package) or ``generator/<stage>.py`` (a module at the top). A module may import from its own
stage and from earlier ones, never from a later one."""

TOP_MODULES_MAX = 4
"""How many modules the top of ``generator/`` may hold besides ``__init__.py``."""


def _modules() -> dict[str, Path]:
    return {
        "generator." + path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", "."): path
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "__init__.py"
    }


def _packages() -> dict[str, Path]:
    return {
        "generator." + path.parent.relative_to(PACKAGE).as_posix().replace("/", "."): path
        for path in sorted(PACKAGE.rglob("__init__.py"))
        if path.parent != PACKAGE
    }


def imports_of(path: Path, known: set[str], *, lazy: bool = True) -> set[str]:
    """The generator modules ``path`` imports (with ``lazy``: anywhere, functions and
    TYPE_CHECKING blocks included; without: at the top of the module only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    nodes = ast.walk(tree) if lazy else iter(tree.body)
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # "from generator.schema import kinds" imports the module generator.schema.kinds
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found & known


def stage_of(module: str) -> str:
    """``generator.pages.render`` -> ``pages``; ``generator.cli`` -> ``cli``."""
    return module.split(".")[1]


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of ``graph`` as a path that ends where it starts, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)) is not None:
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)) is not None:
            return cycle
    return None


def backward_imports(graph: dict[str, set[str]]) -> list[str]:
    """Every import from a later stage into an earlier one, as ``importer -> imported``."""
    rank = {stage: number for number, stage in enumerate(STAGES)}
    return sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        for target in targets
        if rank[stage_of(target)] > rank[stage_of(module)]
    )


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: imports_of(path, set(modules)) - {name} for name, path in modules.items()}


def test_find_cycle_finds_one() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_backward_imports_finds_one() -> None:
    graph = {"generator.read.loader": {"generator.pages.render", "generator.schema.model"}}
    assert backward_imports(graph) == ["generator.read.loader -> generator.pages.render"]


def test_every_module_belongs_to_a_declared_stage() -> None:
    assert sorted({stage_of(name) for name in _modules()} - set(STAGES)) == []


def test_at_most_four_modules_at_the_top() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py")
    assert len(top) <= TOP_MODULES_MAX, top


def test_every_stage_package_says_its_job() -> None:
    missing = [
        name
        for name, init in _packages().items()
        if not ast.get_docstring(ast.parse(init.read_text()))
    ]
    assert missing == []


def test_no_import_cycle_between_modules() -> None:
    assert find_cycle(_graph()) is None


def test_no_import_cycle_between_stage_packages() -> None:
    packages = set(_packages())
    graph: dict[str, set[str]] = {name: set() for name in packages}
    for module, targets in _graph().items():
        for target in targets:
            source = next((p for p in packages if module.startswith(p + ".")), None)
            dest = next((p for p in packages if target.startswith(p + ".")), None)
            if source and dest and source != dest and not dest.startswith(source + "."):
                graph[source].add(dest)
    assert find_cycle(graph) is None


def test_no_import_from_a_later_stage() -> None:
    assert backward_imports(_graph()) == []


def test_no_module_over_400_lines() -> None:
    sizes = {
        path.relative_to(REPO).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in _modules().values()
    }
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}
