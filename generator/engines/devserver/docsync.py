"""Keep a rendered docs folder equal to the story, touching only the files whose bytes changed.

``explainer serve`` (:mod:`generator.engines.devserver.server`) runs Zensical's dev server on a docs
folder that this module keeps in step with ``site_data/`` and ``content/``. Zensical rebuilds the
pages whose source file changed, so a file is written only when its bytes differ from what is on
disk (an unchanged page keeps its file and its mtime), and a file no longer wanted is removed (a
deleted fact's page does not linger). Files are written to a scratch folder beside the docs folder
and renamed into place, so Zensical never reads a half-written page.

What the folder holds:

- good data: exactly what ``explainer render --out`` writes (generated pages, open data, feed,
  ``content/`` pages with references resolved and the page footer, other content files as they
  are); ``tests/test_devserve.py`` holds the served site to a clean Zensical build;
- bad data: every Markdown page the editor may have open (``index.md``, the content pages and
  every page of the last good render) holds the list of problems instead; nothing built from the
  data (open data, feed) is left; other content files (images) stay.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.engines.devserver.quirks import WRITE_MARK, mark_page, problem_page
from generator.engines.errorpage import error_page_markdown
from generator.pages.content import content_label, content_page
from generator.pages.escape import escape_text
from generator.pages.storyindex import Index
from generator.pipeline import BuildResult
from generator.read.contentfiles import walk_content
from generator.read.diagnostics import Diagnostic

__all__ = ["ERROR_PAGE", "DocsFolder", "SyncReport", "error_files", "story_files"]

ERROR_PAGE = "index.md"
"""Shown with the problems even when no good render came before (the site's home page)."""


def _content_files(content_dir: Path, project: Path) -> list[tuple[str, Path]]:
    """What may be published (never a pipe, a device or a link out of the project)."""
    return sorted(walk_content(content_dir, project).files.items())


class ContentRenderer:
    """Content pages with references resolved and the footer, redone only when text or data
    changed (a story has few content pages, but each resolution indexes the whole story)."""

    def __init__(self) -> None:
        self._index: Index | None = None
        self._done: dict[tuple[str, str], str] = {}

    def page(self, index: Index, rel: str, text: str, label: str) -> str:
        if index is not self._index:
            self._index, self._done = index, {}
        key = (rel, text)
        if key not in self._done:
            self._done[key] = content_page(text, index, page_path=rel, file_label=label)
        return self._done[key]


def story_files(
    result: BuildResult,
    content_dir: Path,
    content: ContentRenderer | None = None,
    *,
    project: Path,
) -> dict[str, bytes]:
    """Docs-relative path -> bytes of every file of a good build (what ``write_pages`` writes).

    ``result`` must be a good :class:`~generator.pipeline.BuildResult` (its content was checked,
    so resolving references cannot fail). ``project``: the folder no file may lead out of.
    """
    index = result.index
    if index is None or result.diagnostics:
        raise ValueError("story_files needs a build without problems")
    content = content or ContentRenderer()

    files: dict[str, bytes] = {page.path: page.markdown.encode() for page in result.pages}
    files.update(
        (path, item if isinstance(item, bytes) else item.encode())
        for path, item in result.files.items()
    )
    for rel, path in _content_files(content_dir, project):
        raw = path.read_bytes()
        if path.suffix == ".md":
            text = raw.decode("utf-8").removeprefix("\ufeff")
            label = content_label(path, Path.cwd())
            raw = content.page(index, rel, text, label).encode()
        files[rel] = raw
    return files


def error_files(
    diagnostics: Sequence[Diagnostic],
    page_paths: Iterable[str],
    content_dir: Path,
    *,
    project: Path,
) -> dict[str, bytes]:
    """The files of a bad build: the problem list at ``index.md``, every content page and every
    page in ``page_paths`` (the last good render's); other content files as they are (those
    that may be published)."""
    error = error_page_markdown(diagnostics)

    def page(rel: str) -> bytes:
        return problem_page(error, rel, escape_text)  # each names itself: quirk 2

    files: dict[str, bytes] = {ERROR_PAGE: page(ERROR_PAGE)}
    for rel, path in _content_files(content_dir, project):
        files[rel] = page(rel) if path.suffix == ".md" else path.read_bytes()
    files.update((rel, page(rel)) for rel in page_paths if rel.endswith(".md"))
    return files


@dataclass(frozen=True)
class SyncReport:
    """What one :meth:`DocsFolder.sync` changed on disk (docs-relative paths)."""

    written: list[str]
    removed: list[str]


class DocsFolder:
    """A folder kept equal to a mapping of relative path -> bytes, with the fewest writes.

    The folder belongs to this object: files in it that the mapping does not list are removed.
    ``scratch`` (created if needed, on the same file system) holds each new file until it is
    renamed into place.
    """

    def __init__(self, root: Path, scratch: Path) -> None:
        self.root = root
        self.scratch = scratch
        self._current: dict[str, bytes] | None = None  # what the folder holds, once read
        self.marking = False
        """Whether each page written ends with a mark of the write
        (:func:`~generator.engines.devserver.quirks.mark_page`), so the page Zensical built from
        it can be told from one built from an earlier text."""
        self._writes = 0
        self._marks: dict[str, bytes] = {}  # page -> the mark of its last write

    def _read(self) -> dict[str, bytes]:
        if not self.root.is_dir():
            return {}
        return {
            path.relative_to(self.root).as_posix(): WRITE_MARK.sub(b"", path.read_bytes())
            for path in self.root.rglob("*")
            if path.is_file()
        }

    def mark(self, rel: str) -> bytes | None:
        """The mark the page's last write ended with (None: written unmarked)."""
        return self._marks.get(rel)

    def held(self) -> Mapping[str, bytes]:
        """What the folder holds (as this object last wrote it, else as read from disk)."""
        if self._current is None:
            self._current = self._read()
        return self._current

    def sync(self, wanted: Mapping[str, bytes]) -> SyncReport:
        """Write what differs, remove what is no longer wanted, leave the rest untouched."""
        current = self._current if self._current is not None else self._read()
        changed = {
            rel: data
            for rel, data in wanted.items()
            if current.get(rel) != data or not (self.root / rel).is_file()
        }
        removed = sorted(set(current) - set(wanted))
        self._put(changed)
        for rel in removed:
            (self.root / rel).unlink(missing_ok=True)
            self._prune(self.root / rel)
        self._current = dict(wanted)
        return SyncReport(written=list(changed), removed=removed)

    def wanted(self, rel: str) -> bytes | None:
        """What the folder holds (or is about to hold) at ``rel``, as last synced or rewritten."""
        return (self._current or {}).get(rel)

    def rewrite(self, rels: Iterable[str]) -> None:
        """Write Markdown pages again, one blank line longer, if they are still wanted.

        For a watcher that takes a file as unchanged when its bytes are the same as the last
        time it looked: a trailing blank line changes the bytes, not the page Markdown makes.
        """
        current = self._current or {}
        wanted = [rel for rel in rels if rel in current and rel.endswith(".md")]
        if self.marking:  # a new mark makes new bytes; what the folder holds stays the same
            self._put({rel: current[rel] for rel in wanted})
            return
        again = {rel: current[rel] + b"\n" for rel in wanted}
        current.update(again)
        self._put(again)

    def _put(self, files: Mapping[str, bytes]) -> None:
        """Write every file to the scratch folder first, then rename them all into place at once
        (a watcher sees the whole save land within a fraction of a millisecond: quirk 3 of
        :mod:`~generator.engines.devserver.quirks`)."""
        self.root.mkdir(parents=True, exist_ok=True)
        self.scratch.mkdir(parents=True, exist_ok=True)
        staged = []
        self._writes += 1
        for number, (rel, data) in enumerate(files.items()):
            if rel.endswith(".md") and self.marking:  # quirk 3
                data, self._marks[rel] = mark_page(data, self._writes)
            elif rel.endswith(".md"):
                self._marks.pop(rel, None)
            temporary = self.scratch / f"{number}.tmp"
            temporary.write_bytes(data)
            (self.root / rel).parent.mkdir(parents=True, exist_ok=True)
            staged.append((temporary, self.root / rel))
        for temporary, target in staged:
            os.replace(temporary, target)

    def _prune(self, path: Path) -> None:
        """Remove the folders a removed file leaves empty, up to the root."""
        parent = path.parent
        while parent != self.root and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
