"""The hand-written pages held to the data's rules: ``explainer check`` and the build run this.

:func:`check_content` reports, each as a ``file:line:col`` line, the files of ``content/`` that
may not be published (:func:`generator.read.contentfiles.walk_content`: links leading out of the
project, pipes, devices ...) or would replace one of the theme's files, every unknown
``[[kind:id]]`` reference, and what :func:`page_problems` finds in each page. A story takes pull
requests to ``content/`` from people outside the newsroom, and both engines publish a page's raw
HTML as it is; so a page is held to these:

- **characters**: every line (code included: a bidirectional override in code is the "Trojan
  source" trick) is held to :func:`generator.read.texthygiene.first_problem`, the data's rule;
- **front matter**: it must be a YAML mapping (the engines would print what they cannot read
  as text, and :mod:`generator.pages.frontmatter` escapes only what it can read);
- **markup that runs or loads code**, unless the story allows raw HTML (the plugin's
  ``allow_raw_html``): a ``<script>``, ``<iframe>``, ``<object>``, ``<embed>``, ``<base>`` or
  ``<meta>`` element; an event-handler attribute (``onclick=``, in HTML or in an attribute list
  ``{: onclick=... }``); a ``javascript:``, ``vbscript:`` or ``data:text/html`` address in an
  HTML attribute, a Markdown link or a link definition, however it is written (entities,
  case, spaces). Code blocks and code spans are shown as text, so they are left alone. An
  HTML or SVG file of ``content/`` (:data:`MARKUP_FILES`), published as it is, is held to the
  same rules, as markup throughout;
- **bounded work**: what would make Markdown's work on the page grow without bound (a paragraph
  too long, unclosed brackets and tags: :func:`generator.pages.markdownbounds.markdown_bounds`).

The "did you mean" of unknown references comes from one budget for every page of a run
(:class:`generator.read.diagnostics.Suggestions`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path

import yaml

from generator.pages.content import find_references, prose_lines, reference_problem
from generator.pages.frontmatter import FRONT_MATTER
from generator.pages.linker import Linker
from generator.pages.markdownbounds import markdown_bounds
from generator.pages.storyindex import Index
from generator.pages.wording import QUALIFIER_WORDS, QUALIFYING_WORDS
from generator.read.contentfiles import theme_clashes, walk_content
from generator.read.diagnostics import Diagnostic, Suggestions, warning
from generator.read.loader import read_utf8
from generator.read.texthygiene import first_problem
from generator.schema import kinds

__all__ = ["ALLOW_OPTION", "MARKUP_FILES", "check_content", "content_warnings", "page_problems"]

ALLOW_OPTION = "allow_raw_html"
"""The plugin option (``mkdocs.yml``) that lets a story's pages hold such markup."""

_ALLOW = f"(allowed only with {ALLOW_OPTION}: true in mkdocs.yml)"

_ELEMENTS = {
    "script": "it runs script in every reader's browser",
    "iframe": "it loads another document into the page",
    "frame": "it loads another document into the page",
    "frameset": "it loads other documents into the page",
    "object": "it loads another document or a plug-in into the page",
    "embed": "it loads a plug-in or another document into the page",
    "applet": "it runs a plug-in",
    "base": "it changes where every link of the page leads",
    "meta": "it can redirect or refresh the page",
}
MARKUP_FILES = frozenset({".html", ".htm", ".xhtml", ".svg"})
"""Content files published as they are that a browser runs as markup: held to the same rules
(a standalone ``content/poll.html``, opened at the site's address, would run its script)."""

_URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "data", "poster", "background", "cite", "srcset"}
)
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^\s)>]*)")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)")
_ATTRIBUTE_LIST = re.compile(r"\{:?([^{}\n]*)\}")
_LIST_ATTRIBUTE = re.compile(r"""(?:^|\s)([^\s=]+)\s*=\s*("[^"]*"|'[^']*'|[^\s}]*)""")


def _script_url(url: str) -> str | None:
    """The scheme, if ``url`` runs script when followed (as a browser reads it: entities
    decoded, spaces and controls dropped, any case)."""
    folded = _IGNORED_IN_URLS.sub("", html.unescape(url)).lower()
    return next((scheme for scheme in _SCRIPT_SCHEMES if folded.startswith(scheme)), None)


def _is_url_attribute(name: str) -> bool:
    return name in _URL_ATTRIBUTES or name.endswith(("href", "src"))


class _Markup(HTMLParser):
    """Start tags found in a page's prose, with where they are."""

    def __init__(self, problem: _Problem) -> None:
        super().__init__(convert_charrefs=True)
        self.problem = problem

    def set_cdata_mode(self, elem: str, *, escapable: bool = False) -> None:
        """Read what follows <script> and <style> as markup too: a page with an unclosed
        <script> still has its other problems found."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, col = self.getpos()
        written = self.get_starttag_text() or ""
        if tag in _ELEMENTS:
            self.problem(line, col + 1, f"raw <{tag}> element: {_ELEMENTS[tag]}")
        for name, value in attrs:
            at_line, at_col = _position(written, name, line, col)
            if name.startswith("on"):
                message = f"event-handler attribute {name}= on <{tag}>: it runs script"
                self.problem(at_line, at_col, message)
            elif value is not None and _is_url_attribute(name):
                scheme = _script_url(value)
                if scheme is not None:
                    message = f"{scheme} address in {name}= of <{tag}>: it runs script"
                    self.problem(at_line, at_col, message)

    handle_startendtag = handle_starttag


def _position(written: str, name: str, line: int, col: int) -> tuple[int, int]:
    """(line, 1-based column) of attribute ``name`` in a start tag written at (line, col)."""
    found = re.search(rf"\s{re.escape(name)}(?=[\s=/>]|$)", written, re.IGNORECASE)
    if found is None:
        return line, col + 1
    at = found.start() + 1
    before = written[:at]
    if "\n" not in before:
        return line, col + at + 1
    return line + before.count("\n"), at - before.rfind("\n")


class _Problem:
    """Collects the problems of one page."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.found: list[Diagnostic] = []

    def __call__(self, line: int, col: int, message: str, *, allowable: bool = True) -> None:
        text = f"{message} {_ALLOW}" if allowable else message
        self.found.append(Diagnostic(self.label, line, col, "", text))


def check_content(
    content_dir: Path,
    index: Index | None,
    *,
    display_root: Path | None = None,
    project: Path | None = None,
    theme_dirs: Sequence[Path] = (),
    allow_raw_html: bool = False,
) -> list[Diagnostic]:
    """Every problem of ``content/`` (see the module's docstring), without raising.

    Files are named relative to ``display_root`` when given (else as found under
    ``content_dir``). ``project``: the folder no file may lead out of (default: the content
    folder's parent); ``theme_dirs``: the theme's folders, in the engine's order. Without an
    ``index`` (the data has problems) the references are not checked, all the rest is.
    """
    project = content_dir.parent if project is None else project
    walked = walk_content(content_dir, project, display_root=display_root)
    problems = [*walked.problems]
    problems += theme_clashes(walked, list(theme_dirs), project, display_root=display_root)
    suggestions = Suggestions()  # one budget for every page of the run
    for rel, path in sorted(walked.files.items()):
        markup = path.suffix.lower() in MARKUP_FILES
        if not rel.endswith(".md") and (allow_raw_html or not markup):
            continue
        label = walked.label(rel)
        text, unreadable = read_utf8(path, label, within=project)
        if text is None:
            problems.extend(unreadable)
        elif markup:  # published as it is: a page of its own on the site's address
            problem = _Problem(label)
            _feed(text, problem)
            problems += problem.found
        else:
            problems += _page(text, label, index, allow_raw_html, suggestions)
    return sorted(problems)


_QUALIFYING_BEFORE = re.compile(
    r"(?i)(?<![\w-])("
    + "|".join(re.escape(w) for w in sorted(QUALIFYING_WORDS, key=len, reverse=True))
    + r")[\s*_]*$"
)
_LINK_TEXT = re.compile(r"\[((?:\\.|[^\]\\])*)\]\(")


def content_warnings(
    content_dir: Path,
    index: Index,
    *,
    display_root: Path | None = None,
    project: Path | None = None,
) -> list[Diagnostic]:
    """A warning for each reference that words its own qualifier ('more than 2,000 people')
    right after a qualifier of the writer's ('More than [[figure:injured]]'), which would then
    read twice. Only the pages :func:`check_content` lets through are read."""
    project = content_dir.parent if project is None else project
    walked = walk_content(content_dir, project, display_root=display_root)
    found: list[Diagnostic] = []
    linker = Linker(index, "index.md")
    known = Suggestions(budget=0)  # only whether a reference is known matters here
    for rel, path in sorted(walked.files.items()):
        if not rel.endswith(".md"):
            continue
        label = walked.label(rel)
        text, _unreadable = read_utf8(path, label, within=project)
        if text is None:
            continue  # check_content says why
        for ref in find_references(text):
            if ref.form is not None or reference_problem(ref, index, label, known) is not None:
                continue
            before = " ".join(text[max(0, ref.start - 60) : ref.start].split("\n"))
            mine = _QUALIFYING_BEFORE.search(before)
            if mine is None:
                continue
            link = _LINK_TEXT.search(linker.reference(ref.kind, ref.id, status=False))
            shown = html.unescape(link.group(1)) if link else ""
            own = next(
                (w for w in QUALIFIER_WORDS.values() if w and shown.startswith(w + " ")), None
            )
            if own is None or "value" not in kinds.by_name(ref.kind).forms:
                continue
            message = (
                f"{ref.text}: {mine.group(1)!r} stands just before a reference that words its "
                f"own qualifier ({shown!r}), so it would read twice: write "
                f"[[{ref.kind}:{ref.id}|value]] for the bare number, or leave out "
                f"{mine.group(1)!r}"
            )
            found.append(warning(label, ref.line, ref.col, message))
    return sorted(found)


def _page(
    text: str, label: str, index: Index | None, allow_raw_html: bool, suggestions: Suggestions
) -> list[Diagnostic]:
    """A Markdown page's unknown references (when the data loaded) and :func:`page_problems`."""
    problems: list[Diagnostic] = []
    if index is not None:
        for ref in find_references(text):
            problem = reference_problem(ref, index, label, suggestions)
            if problem is not None:
                problems.append(problem)
    return problems + page_problems(text, label, allow_raw_html=allow_raw_html)


def page_problems(markdown: str, label: str, *, allow_raw_html: bool = False) -> list[Diagnostic]:
    """Every problem of one hand-written page (named ``label``), in order."""
    problem = _Problem(label)
    problem.found += markdown_bounds(markdown, label)
    # Lines as an editor counts them: a U+2028 is a character to report, not a line break.
    for number, line in enumerate(markdown.split("\n"), start=1):
        found = first_problem(line.removesuffix("\r"))
        if found is not None:
            at, message = found
            message = message.replace("in this value", "on this line")
            problem(number, at + 1, message, allowable=False)
    front = FRONT_MATTER.match(markdown)
    if front is not None:
        _front_matter(front.group(1) or "", problem)
    if not allow_raw_html:
        _active_markup(markdown, front.end() if front else 0, problem)
    return sorted(problem.found)


def _front_matter(text: str, problem: _Problem) -> None:
    try:
        meta = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, col = (mark.line + 2, mark.column + 1) if mark is not None else (2, 1)
        reason = getattr(error, "problem", None) or "invalid YAML"
        problem(line, col, f"front matter: syntax error: {reason}", allowable=False)
        return
    if meta is not None and not isinstance(meta, dict):
        message = "front matter: expected a mapping (key: value lines)"
        problem(2, 1, message, allowable=False)


def _active_markup(markdown: str, body_start: int, problem: _Problem) -> None:
    """The HTML, links and attribute lists of the page's prose (code and front matter left
    out, each replaced by spaces so that lines and columns stay where they were)."""
    pieces: list[str] = []
    kept = 0
    for line in prose_lines(markdown):
        if line.offset < body_start:
            continue
        text = line.text
        for a, b in line.code:
            text = text[:a] + " " * (b - a) + text[b:]
        pieces += [_blank(markdown[kept : line.offset]), text]
        kept = line.offset + len(line.text)
        _links(line.number, text, problem)
    pieces.append(_blank(markdown[kept:]))
    _feed("".join(pieces), problem)


def _feed(markup: str, problem: _Problem) -> None:
    parser = _Markup(problem)
    parser.feed(markup)
    parser.close()


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _links(number: int, text: str, problem: _Problem) -> None:
    """Markdown links, link definitions and attribute lists on one line (code masked)."""
    urls = [m for m in _INLINE_LINK.finditer(text)]
    definition = _LINK_DEFINITION.match(text)
    for match in [*urls, *([definition] if definition else [])]:
        scheme = _script_url(match.group(1))
        if scheme is not None:
            problem(number, match.start(1) + 1, f"{scheme} link: it runs script when followed")
    for attributes in _ATTRIBUTE_LIST.finditer(text):
        for item in _LIST_ATTRIBUTE.finditer(attributes.group(1)):
            name, value = item.group(1).lower(), item.group(2).strip("\"'")
            col = attributes.start(1) + item.start(1) + 1
            if name.startswith("on"):
                message = f"event-handler attribute {name}= in an attribute list: it runs script"
                problem(number, col, message)
            elif _is_url_attribute(name) and (scheme := _script_url(value)) is not None:
                problem(number, col, f"{scheme} address in {name}= of an attribute list")
