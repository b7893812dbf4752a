"""End-to-end: data full of markup, Markdown, template and include syntax builds a harmless site.

The shipped site_data is copied and every free-text field of every record (ids, dates, enums and
references kept valid) is replaced with hostile strings; each excerpt is made of all of them, so
quotes still occur verbatim in the excerpts they cite and date words still occur in them. The
strict build must pass, and every built page is parsed with html.parser: no script with alert,
no on* attribute, no javascript: link, no file contents pulled in, and the hostile strings show
up as text.
"""

from __future__ import annotations

import itertools
import json
import types
import typing
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel
from support import REPO, Build, copy_project, html_files, run_mkdocs_build

from generator.schema import model

pytestmark = pytest.mark.slow

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "{{ config }}",
    "{% raw %}",
    '--8<-- "/etc/passwd"',
    '{: onclick="alert(1)" }',
    '<a href="javascript:alert(1)">x</a>',
    "</title><script>alert(1)</script>",  # page titles from data end up in <title>
)

TEXT_FIELDS = {
    "headline",
    "standfirst",
    "publisher",
    "text",
    "name",
    "role",
    "aliases",
    "words",
    "title",
    "summary",
    "unit",
    "counts",
    "said_where",
    "context",
    "question",
    "short",
    "reason",
    "found_at",
    "headline_reason",
    "unit_one",
    "label",
    "count_other",
    "scope",
    "how",
}
"""Every free-text field of the schema (checked against generator.schema.model below)."""


def _pattern(item: Any) -> Any:
    """A constraint's pattern, or one a validator enforces and declares for the JSON Schema
    (generator.schema.newsmeta.WikidataId)."""
    extra = getattr(item, "json_schema_extra", None)
    return extra.get("pattern") if isinstance(extra, dict) else getattr(item, "pattern", None)


def _restricts(metadata: list[Any]) -> bool:
    """A pattern other than Text's "not blank" one: an id or an address, not free text."""
    return any(_pattern(m) not in (None, model.TEXT_PATTERN) for m in metadata)


def _is_text(annotation: Any) -> bool:
    """str, optionally Annotated without a restricting pattern, optional, or in a list."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *metadata = typing.get_args(annotation)
        return _is_text(base) and not _restricts(metadata)
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(annotation) if a is not type(None)]
        return len(rest) == 1 and _is_text(rest[0])
    if origin is list:
        return _is_text(typing.get_args(annotation)[0])
    return annotation is str


def model_text_fields() -> set[str]:
    """Fields typed as free text (a str, optional or in a list, no id or address pattern)."""
    names: set[str] = set()
    for obj in vars(model).values():
        if not (isinstance(obj, type) and issubclass(obj, BaseModel)):
            continue
        for name, field in obj.model_fields.items():
            if _is_text(field.annotation) and not _restricts(field.metadata):
                names.add(name)
    return names


def test_text_fields_cover_the_schema() -> None:
    assert model_text_fields() == TEXT_FIELDS


def is_text_field(kind: str, key: str | None) -> bool:
    """Whether ``key`` in a record of ``kind`` is free text (a position's question is an id)."""
    return key in TEXT_FIELDS and not (kind == "positions" and key == "question")


def poison(data_dir: Path) -> None:
    """Rewrite every YAML file under data_dir in place with hostile text."""
    payloads = itertools.cycle(PAYLOADS)

    def walk(node: Any, key: str | None = None, kind: str = "") -> Any:
        if isinstance(node, dict):
            return {k: walk(v, k, kind) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(item, key, kind) for item in node]
        if isinstance(node, str) and is_text_field(kind, key):
            return next(payloads)
        return node

    for path in sorted(data_dir.glob("*.yaml")):
        original = path.read_text(encoding="utf-8")
        header = "".join(
            itertools.takewhile(lambda ln: ln.startswith("#"), original.splitlines(True))
        )
        data = walk(yaml.safe_load(original), kind=path.stem)
        # Each excerpt holds every payload: quotes and date words stay verbatim in it.
        for source in data.get("sources", []):
            for excerpt in source["excerpts"]:
                excerpt["text"] = " ".join(PAYLOADS)
        dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
        path.write_text(header + dumped, encoding="utf-8")


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "data"}


class PageScan(HTMLParser):
    """Elements, attributes and visible text of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self._stack: list[str] = []
        self._jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._stack.append(tag)
        self._jsonld = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            url = (value or "").strip().lower().replace("\t", "")
            if name in URL_ATTRIBUTES and url.startswith(("javascript:", "data:", "vbscript:")):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.problems.append("<img src=x> element")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        inside = self._stack[-1] if self._stack else ""
        if inside == "script" and self._jsonld:
            # Data, not code: it must parse, and hold no "<" that could close the element.
            try:
                json.loads(data)
            except ValueError:
                self.problems.append(f"JSON-LD that does not parse: {data[:80]!r}")
            if "<" in data:
                self.problems.append(f"JSON-LD with a raw '<': {data[:80]!r}")
        elif inside == "script":
            if "alert" in data:
                self.problems.append(f"<script> with alert: {data[:80]!r}")
        elif inside != "style":
            self.text.append(data)


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = copy_project(tmp_path_factory.mktemp("hostile"))
    poison(root / "site_data")
    build = run_mkdocs_build(root)
    build.assert_ok()
    return build


def test_poisoning_replaced_every_text_field(hostile_build: Build) -> None:
    data = hostile_build.root / "site_data"
    shipped = REPO / "site_data"
    for path in sorted(data.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        original = yaml.safe_load((shipped / path.name).read_text(encoding="utf-8"))
        poisoned = yaml.safe_load(text)
        assert _shape(original, path.stem) == _shape(poisoned, path.stem), path.name
        assert any(p in text for p in PAYLOADS), path.name


def _shape(node: Any, kind: str, key: str | None = None) -> Any:
    """The data with every free-text value blanked out: equal before and after poisoning."""
    if isinstance(node, dict):
        return {k: _shape(v, kind, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_shape(v, kind, key) for v in node]
    if isinstance(node, str) and is_text_field(kind, key):
        return "…"
    return node


def test_hostile_build_is_strict_clean(hostile_build: Build) -> None:
    assert "WARNING" not in hostile_build.output, hostile_build.output
    assert "Traceback" not in hostile_build.output, hostile_build.output


def test_no_page_runs_or_links_the_hostile_markup(hostile_build: Build) -> None:
    problems: dict[str, list[str]] = {}
    visible: list[str] = []
    for page in html_files(hostile_build.site):
        html = page.read_text(encoding="utf-8")
        scan = PageScan()
        scan.feed(html)
        scan.close()
        if "root:x:0:0" in html:
            scan.problems.append("contents of /etc/passwd")
        if scan.problems:
            problems[page.relative_to(hostile_build.site).as_posix()] = scan.problems
        visible.append(" ".join(scan.text))
    assert problems == {}
    all_text = " ".join(" ".join(visible).split())
    missing = [p for p in PAYLOADS if p not in all_text]
    assert missing == [], "hostile strings should show as text"


def test_search_index_carries_no_live_markup(hostile_build: Build) -> None:
    """Material inserts search results as HTML: the index must hold the payloads escaped."""
    raw = (hostile_build.site / "search" / "search_index.json").read_text(encoding="utf-8")
    index = json.loads(raw)
    problems = []
    for doc in index["docs"]:
        for field in ("title", "text"):
            scan = PageScan()
            scan.feed(doc[field])
            scan.close()
            problems += [(doc["location"], field, p) for p in scan.problems]
            if "root:x:0:0" in doc[field]:
                problems.append((doc["location"], field, "contents of /etc/passwd"))
    assert problems == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
