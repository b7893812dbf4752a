"""Hand-written pages (``content/*.md``): their ``[[kind:id]]`` references to facts.

A page cites a fact as ``[[quote:hollande-moscow]]`` (a kind with other wordings, as
``[[figure:toll|label]]`` or ``[[figure:toll|value]]``: ``Kind.forms``);
:func:`resolve_references` turns each into a link relative to the page, with a capital at the
start of a sentence, and :func:`reference_problem` says what is wrong with an unknown one, with
``file:line:col`` (:func:`generator.pages.contentcheck.check_content` runs it over every page).
References inside fenced code blocks and inline code spans are left as they are.
:func:`content_page` is what both engines publish for a hand-written page: references resolved
and the footer of the generated pages added.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.pages.asof import as_of_days
from generator.pages.frontmatter import with_escaped_front_matter
from generator.pages.linker import Linker
from generator.pages.markdownbounds import code_spans
from generator.pages.render import page_footer
from generator.pages.storyindex import Index
from generator.pages.summary import what_we_know
from generator.read.diagnostics import DataError, Diagnostic, Suggestions, did_you_mean
from generator.read.loader import display_path
from generator.schema import kinds

__all__ = [
    "Reference",
    "content_page",
    "find_references",
    "prose_lines",
    "reference_kinds",
    "reference_problem",
    "resolve_references",
]


def reference_kinds() -> list[str]:
    """The kinds a ``[[kind:id]]`` reference may name: every kind whose records have a page."""
    return [kind.name for kind in kinds.KINDS if kind.page]


# --- [[kind:id]] ---------------------------------------------------------------------------

_REFERENCE = re.compile(r"\[\[([^\[\]:\s]*):([^\[\]\s|]*)(?:\|([^\[\]\s|]*))?\]\]")
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
    form: str | None = None
    """The wording after ``|`` (``label``, ``value``), if any."""

    @property
    def text(self) -> str:
        form = "" if self.form is None else f"|{self.form}"
        return f"[[{self.kind}:{self.id}{form}]]"


@dataclass(frozen=True)
class ProseLine:
    """A line of Markdown outside fenced code blocks, with its inline code spans."""

    number: int
    """1-based."""
    offset: int
    """Where the line starts in the text."""
    text: str
    """With its line break."""
    code: list[tuple[int, int]]
    """(start, end) in ``text`` of each inline code span."""

    def in_code(self, at: int) -> bool:
        return any(a <= at < b for a, b in self.code)


def prose_lines(markdown: str) -> Iterator[ProseLine]:
    """Every line outside fenced code blocks (the fences' own lines left out too)."""
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
            yield ProseLine(number, offset, line, spans)
        offset += len(line)


def find_references(markdown: str) -> Iterator[Reference]:
    """Every ``[[kind:id]]`` outside fenced code blocks and inline code spans."""
    for line in prose_lines(markdown):
        for match in _REFERENCE.finditer(line.text):
            if line.in_code(match.start()):
                continue
            yield Reference(
                kind=match.group(1),
                id=match.group(2),
                line=line.number,
                col=match.start() + 1,
                start=line.offset + match.start(),
                end=line.offset + match.end(),
                form=match.group(3),
            )


def reference_problem(
    ref: Reference, index: Index, file_label: str, suggestions: Suggestions | None = None
) -> Diagnostic | None:
    """What is wrong with ``ref``, if anything. Its "did you mean" comes from ``suggestions``,
    the run's budget (:class:`generator.read.diagnostics.Suggestions`; a fresh one if none)."""
    suggestions = Suggestions() if suggestions is None else suggestions
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
    forms = kinds.by_name(ref.kind).forms
    if ref.form is not None and not forms:
        message = f"a {ref.kind} reference has no other wordings: write [[{ref.kind}:{ref.id}]]"
        return Diagnostic(file_label, ref.line, ref.col, ref.text, message)
    if ref.form is not None and ref.form not in forms:
        listed = " or ".join(f"|{form}" for form in forms)
        message = (
            f"unknown wording {ref.form!r} of a {ref.kind}{did_you_mean(ref.form, forms)}; "
            f"write [[{ref.kind}:{ref.id}]], or end it with {listed}"
        )
        return Diagnostic(file_label, ref.line, ref.col, ref.text, message)
    return None


_LEAD = re.compile(r"^\s*(?:#{1,6}(?:\s+|$)|>\s*|[-*+](?:\s+|$)|\d+[.)](?:\s+|$))+")
"""What opens a line before its text: a heading, a quote, a list item's marker."""
_OPENERS = re.compile(r"[\s*_(“\"‘']*$")
_SENTENCE_END = re.compile(r"[.!?][\s*_)”\"’']*$")


def at_sentence_start(markdown: str, start: int) -> bool:
    """Whether the reference at ``start`` opens a sentence: the first words of a paragraph,
    a heading, a list item or a quote, or the words after a full stop, question or
    exclamation mark (emphasis, brackets and quotation marks between do not count)."""
    line_start = markdown.rfind("\n", 0, start) + 1
    before = _OPENERS.sub("", markdown[line_start:start])
    lead = _LEAD.match(before)
    if lead is not None:
        return not before[lead.end() :].strip()
    if before.strip():
        return _SENTENCE_END.search(before) is not None
    if line_start == 0:
        return True
    above = markdown[: line_start - 1].rsplit("\n", 1)[-1]
    return not above.strip() or _SENTENCE_END.search(above) is not None


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
        problem = reference_problem(ref, index, file_label, suggestions)
        if problem is not None:
            problems.append(problem)
            continue
        pieces.append(markdown[last : ref.start])
        capital = at_sentence_start(markdown, ref.start)
        pieces.append(linker.reference(ref.kind, ref.id, ref.form, capital=capital))
        last = ref.end
    if problems:
        raise DataError(problems)
    pieces.append(markdown[last:])
    return "".join(pieces)


def content_page(
    markdown: str,
    index: Index,
    *,
    page_path: str,
    file_label: str,
    front_matter: bool = True,
) -> str:
    """A hand-written page as both engines publish it: its front matter's texts escaped
    (:mod:`generator.pages.frontmatter`), references resolved, then the footer of the
    generated pages (last updated, get the data). Raises :class:`DataError` as
    :func:`resolve_references` does. ``front_matter=False``: the page comes without it (MkDocs
    has taken it off; the plugin escapes ``page.meta`` itself)."""
    if front_matter:
        markdown = with_escaped_front_matter(markdown)
    resolved = resolve_references(markdown, index, page_path=page_path, file_label=file_label)
    if page_path == HOME_PAGE:
        earlier = as_of_days(index.data)
        resolved = with_summary(resolved, what_we_know(index, page_path, earlier=earlier))
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


def content_label(path: Path, display_root: Path | None) -> str:
    """How messages name a content file: relative to ``display_root`` (the project) when given,
    else as found (display_path(path, None) would name it relative to the working directory)."""
    return path.as_posix() if display_root is None else display_path(path, display_root)
