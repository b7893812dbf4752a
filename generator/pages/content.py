"""Hand-written pages (``content/*.md``): their ``[[kind:id]]`` references to facts.

A page cites a fact as ``[[quote:hollande-moscow]]``; :func:`resolve_references` turns each into
a link relative to the page, and :func:`check_content` reports every unknown one with
``file:line:col``. References inside fenced code blocks and inline code spans are left as they
are. :func:`content_page` is what both engines publish for a hand-written page: references
resolved and the footer of the generated pages added.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.pages.linker import Linker
from generator.pages.markdownbounds import code_spans, markdown_bounds
from generator.pages.render import page_footer
from generator.pages.storyindex import Index
from generator.pages.summary import what_we_know
from generator.read.diagnostics import DataError, Diagnostic, Suggestions
from generator.read.loader import display_path, read_utf8
from generator.schema import kinds

__all__ = [
    "Reference",
    "check_content",
    "content_page",
    "find_references",
    "reference_kinds",
    "resolve_references",
]


def reference_kinds() -> list[str]:
    """The kinds a ``[[kind:id]]`` reference may name: every kind whose records have a page."""
    return [kind.name for kind in kinds.KINDS if kind.page]


# --- [[kind:id]] ---------------------------------------------------------------------------

_REFERENCE = re.compile(r"\[\[([^\[\]:\s]*):([^\[\]\s]*)\]\]")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Reference:
    """One ``[[kind:id]]`` in a Markdown text; ``line`` and ``col`` are 1-based."""

    kind: str
    id: str
    line: int
    col: int
    start: int
    end: int

    @property
    def text(self) -> str:
        return f"[[{self.kind}:{self.id}]]"


def find_references(markdown: str) -> Iterator[Reference]:
    """Every ``[[kind:id]]`` outside fenced code blocks and inline code spans."""
    offset = 0
    fence: str | None = None
    for number, line in enumerate(markdown.splitlines(keepends=True), start=1):
        opening = _FENCE.match(line)
        if fence is not None:
            marker = opening.group(1) if opening else ""
            rest = line[opening.end() :] if opening else "x"
            if marker[:1] == fence[0] and len(marker) >= len(fence) and not rest.strip():
                fence = None
        elif opening and not (opening.group(1)[0] == "`" and "`" in line[opening.end() :]):
            fence = opening.group(1)
        else:
            spans = code_spans(line)
            for match in _REFERENCE.finditer(line):
                if any(a <= match.start() < b for a, b in spans):
                    continue
                yield Reference(
                    kind=match.group(1),
                    id=match.group(2),
                    line=number,
                    col=match.start() + 1,
                    start=offset + match.start(),
                    end=offset + match.end(),
                )
        offset += len(line)


def _problem(
    ref: Reference, index: Index, file_label: str, suggestions: Suggestions
) -> Diagnostic | None:
    known_kinds = reference_kinds()
    if ref.kind not in known_kinds:
        hint = suggestions.hint(ref.kind, "reference kinds", lambda: known_kinds)
        message = f"unknown reference kind {ref.kind!r}{hint}"
        listed = ", ".join(known_kinds)
        return Diagnostic(file_label, ref.line, ref.col, ref.text, f"{message}; kinds: {listed}")
    ids = index.ids(ref.kind)
    if ref.id not in ids:
        hint = suggestions.hint(ref.id, ref.kind, lambda: ids)
        message = f"unknown {ref.kind} {ref.id!r}{hint}"
        return Diagnostic(file_label, ref.line, ref.col, ref.text, message)
    return None


def resolve_references(markdown: str, index: Index, *, page_path: str, file_label: str) -> str:
    """Turn every ``[[kind:id]]`` into a link relative to ``page_path`` (docs-relative).

    Raises :class:`DataError` listing every unknown kind or id as
    ``file_label:line:col: [[kind:id]]: unknown quote 'x' (did you mean 'y'?)``.
    """
    linker = Linker(index, page_path)
    problems: list[Diagnostic] = []
    pieces: list[str] = []
    last = 0
    suggestions = Suggestions()
    for ref in find_references(markdown):
        problem = _problem(ref, index, file_label, suggestions)
        if problem is not None:
            problems.append(problem)
            continue
        pieces.append(markdown[last : ref.start])
        pieces.append(linker.reference(ref.kind, ref.id))
        last = ref.end
    if problems:
        raise DataError(problems)
    pieces.append(markdown[last:])
    return "".join(pieces)


def content_page(markdown: str, index: Index, *, page_path: str, file_label: str) -> str:
    """A hand-written page as both engines publish it: references resolved, then the footer
    of the generated pages (last updated, get the data). Raises :class:`DataError` as
    :func:`resolve_references` does."""
    resolved = resolve_references(markdown, index, page_path=page_path, file_label=file_label)
    if page_path == HOME_PAGE:
        resolved = with_summary(resolved, what_we_know(index, page_path))
    return resolved.rstrip("\n") + "\n\n" + page_footer(index, page_path)


HOME_PAGE = "index.md"


def with_summary(markdown: str, block: str) -> str:
    """``markdown`` with ``block`` after its lede: the first paragraph after the first ``# ``
    heading (at the top when the page has no such heading; after the heading when no paragraph
    follows it)."""
    lines = markdown.splitlines(keepends=True)
    heading = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if heading is None:
        return block + "\n" + markdown
    at = heading + 1
    while at < len(lines) and not lines[at].strip():
        at += 1
    if at < len(lines) and not lines[at].startswith("#"):
        while at < len(lines) and lines[at].strip():
            at += 1
    else:
        at = heading + 1
    return "".join(lines[:at]) + "\n" + block + "\n" + "".join(lines[at:]).lstrip("\n")


def check_content(
    content_dir: Path, index: Index, *, display_root: Path | None = None
) -> list[Diagnostic]:
    """Every unknown reference and unreadable file in ``content/**/*.md``, and every page
    Markdown's work on would grow without bound (:mod:`generator.pages.markdownbounds`), without
    raising.

    Files are named relative to ``display_root`` when given (else as found under
    ``content_dir``).
    """
    problems: list[Diagnostic] = []
    suggestions = Suggestions()  # one budget for every page of the run
    for path in sorted(content_dir.rglob("*.md")):
        label = content_label(path, display_root)
        text, unreadable = read_utf8(path, label)
        if text is None:
            problems.extend(unreadable)
            continue
        problems.extend(markdown_bounds(text, label))
        for ref in find_references(text):
            problem = _problem(ref, index, label, suggestions)
            if problem is not None:
                problems.append(problem)
    return sorted(problems)


def content_label(path: Path, display_root: Path | None) -> str:
    """How messages name a content file: relative to ``display_root`` (the project) when given,
    else as found (display_path(path, None) would name it relative to the working directory)."""
    return path.as_posix() if display_root is None else display_path(path, display_root)
