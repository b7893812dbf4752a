"""Whether Zensical built each save's pages from their new text, and what to do when it did not.

Zensical 0.0.70 starts building as soon as the first file of a save lands; a page written while
that build runs may be built from its old text, and Zensical does not build it again, not even
when the same bytes are written again (seen with 40 pages written in 20 ms). While Zensical
runs, :class:`~generator.engines.devserver.docsync.DocsFolder` ends each page it writes with a mark
of the write, and :class:`SaveBuilds` writes again (with a new mark) each page of a save whose built
HTML still lacks its mark once Zensical has built the save; after a few tries it asks for a full
build. It also holds the rest of a save back until Zensical has built the save's first wave
(:mod:`generator.engines.devserver.savewaves`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from generator.engines.devserver.docsync import DocsFolder

__all__ = ["ERROR_MARK", "SaveBuilds"]

REWRITE_TRIES = 3
"""How many times a save's pages are written again while Zensical's site still disagrees;
then Zensical is started afresh (a full build reads every page)."""

QUIET_NS = 2_000_000_000
"""A save's pages are written again if Zensical has built nothing this long after it (under
load, 0.0.70 was seen to build nothing after a save of 44 pages), or twice its slowest build of
a save, if longer (at 100 times the shipped story a build of the timeline takes 1.5-3.3 s)."""

ERROR_MARK = b'class="data-errors-page"'
"""In every page of a bad build (:func:`generator.engines.devserver.docsync.error_files`), Markdown
and HTML."""

GRACE_NS = 1_000_000_000
"""How long after Zensical says a build is done a page's HTML may still be on its way, at the
least: 0.0.70 prints "No issues found" before it writes the pages (at 100 times the shipped
story, a page of the build was written up to 1.25 s later). Judged too early, every page of a
save looked stale, was written again and again, and the server was restarted (12-16 s saves).
The wait is also at least as long as Zensical's slowest build of a save."""

MARKS_SECONDS = 0.1
"""How often, at most, the built pages of a save are read for their write marks (to tell that
Zensical built them when it says nothing: without its link checks it prints no line when a build
is done). Not at every poll: a page of a large story is a few megabytes."""

DEFER_LIMIT_NS = 3_000_000_000
"""The longest a save's other files wait for Zensical to say it built the save's pages."""


class SaveBuilds:
    """The saves written while Zensical runs, until it has built each from its new text."""

    def __init__(
        self,
        docs: DocsFolder,
        site: Path,
        sync: Callable[[dict[str, bytes]], object],
        log: Callable[[str], None],
        *,
        says_when_built: bool,
    ) -> None:
        self.docs = docs
        self.site = site
        self.sync = sync
        """Writes a whole save (the files held back), as the dev server does."""
        self.log = log
        self.says_when_built = says_when_built
        """Whether Zensical prints a line when a build is done (only with its link checks)."""
        self.restart = False
        """Set when a page was not rebuilt after every try: Zensical must be started afresh."""
        self._pending: dict[int, tuple[list[str], int]] = {}  # when (ns) -> pages, rewrites
        self._built_at = 0  # when Zensical last said a build was done (ns)
        self._launched = 0  # when Zensical was started (ns)
        self._slowest = 0  # the longest Zensical took to build a save (ns; at first, its first)
        self._timed_a_save = False  # whether _slowest is a save's build yet
        self._deferred: tuple[int, dict[str, bytes]] | None = None  # when (ns), the whole save
        self._first: list[str] = []  # the pages of the save's first wave, while the rest waits
        self._marks_read = 0.0  # when the built pages were last read for their marks

    def launched(self) -> None:
        """Zensical was (re)started: its first build reads every page."""
        self._pending.clear()
        self.restart = False
        self._launched, self._slowest, self._timed_a_save = time.time_ns(), 0, False

    def built(self) -> None:
        """Zensical said a build is done."""
        self._built_at = time.time_ns()

    def wrote(self, pages: list[str]) -> None:
        """These pages were written together (one page alone cannot be read too early)."""
        if len(pages) > 1:
            self._pending[time.time_ns()] = (pages, 0)

    def hold(self, written: int, files: dict[str, bytes], first: list[str]) -> None:
        """The first wave (pages ``first``) was written at ``written`` (ns); ``files``, the
        whole save, go once Zensical has built it (or after :data:`DEFER_LIMIT_NS`)."""
        self._deferred, self._first = (written, files), first

    def drop_held(self) -> None:
        """A new save supersedes the last one's held-back files."""
        self._deferred = None

    def check(self) -> None:
        """Write a save's pages once more after the build it started (Zensical may miss some).

        Once Zensical has built a save, its pages whose HTML lacks their last write's mark (or,
        unmarked, says the opposite of their Markdown about the problem list) are written again
        with a new mark, which makes Zensical build them from their new text, a few times.
        """
        self._note_built_pages()
        if self._deferred is not None:
            written, files = self._deferred
            if self._built_at > written or time.time_ns() - written > DEFER_LIMIT_NS:
                self._deferred = None
                self.sync(files)
        if not self._slowest and self._built_at > self._launched:
            self._slowest = self._built_at - self._launched  # the first (full) build
        for written, (pages, tries) in list(self._pending.items()):
            built = self._built_at > written
            if built:
                took = self._built_at - written
                self._slowest = max(self._slowest, took) if self._timed_a_save else took
                self._timed_a_save = True
            if not built and time.time_ns() - written <= max(QUIET_NS, 2 * self._slowest):
                continue
            again = self._stale(pages) if tries or self.docs.marking else pages
            grace = max(GRACE_NS, self._slowest)
            if again and built and self.docs.marking and time.time_ns() - self._built_at < grace:
                continue  # Zensical writes a build's pages after it says the build is done
            del self._pending[written]
            if again and tries < REWRITE_TRIES:
                self.docs.rewrite(again)
                self._pending[time.time_ns()] = (again, tries + 1)
            elif again:  # a page made after Zensical started was seen never to be rebuilt
                named = ", ".join(again[:3]) + (", ..." if len(again) > 3 else "")
                self.log(f"explainer serve: {len(again)} pages not rebuilt ({named}); a full build")
                self.restart = True

    def _note_built_pages(self) -> None:
        """When Zensical says nothing after a build, a save counts as built once the HTML of each
        page it wrote (the first wave, or a multi-page save) carries that page's write mark."""
        if self.says_when_built or not self.docs.marking:
            return
        now = time.perf_counter()
        if now - self._marks_read < MARKS_SECONDS:
            return
        self._marks_read = now
        saves = [(self._deferred[0], self._first)] if self._deferred is not None else []
        saves += [(written, pages) for written, (pages, _) in self._pending.items()]
        for written, pages in saves:
            if written >= self._built_at and pages and not self._stale(pages):
                self._built_at = time.time_ns()

    def _stale(self, pages: list[str]) -> list[str]:
        """The pages whose built HTML was not made from their last write: it lacks the write's
        mark (:meth:`DocsFolder.mark`; even a rewrite can land in a build that reads the old
        text). An unmarked page is stale if its HTML and Markdown disagree about the problem
        list."""
        stale = []
        for rel in pages:
            text = self.docs.wanted(rel)
            stem = rel.removesuffix(".md")
            stem = "" if stem == "index" else stem.removesuffix("/index")
            try:
                built = (self.site / stem / "index.html").read_bytes()
            except OSError:
                built = b""  # not built yet
            mark = self.docs.mark(rel)
            if mark is not None:
                if mark not in built:
                    stale.append(rel)
            elif text is not None and (ERROR_MARK in text) != (ERROR_MARK in built):
                stale.append(rel)
        return stale
