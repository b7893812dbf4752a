"""Zensical 0.0.70's behaviours that ``explainer serve`` works around, each in one place.

Each section below names the symptom, seen at the time, what we do about it, and the test that
shows it. When a newer Zensical no longer behaves so, its section is what to remove.

1. **Reads or listings of its folders hold every build back.** While two files of its folder
   were read every 10 ms, 0.0.70 built nothing at all; while the theme folder was listed every
   10 ms, no build finished in 12 s (1.3 s otherwise). We poll every :data:`POLL_SECONDS` and
   never watch the theme folder (:func:`watched_roots`), which Zensical watches itself.
   Shown by every test of ``tests/test_devserve.py`` (each waits for a save to be served).
2. **Pages whose Markdown is the same are built only once** (the others are then not found):
   each problem page names its own path (:func:`problem_page`). Shown by
   ``test_bad_save_shows_the_problems_on_every_page_and_the_next_good_save_restores_them``.
3. **A page written while a build runs may be built from its old text**, and is not built
   again, not even when the same bytes are written again (40 pages written in 20 ms). A save's
   files are renamed into place at once
   (:meth:`~generator.engines.devserver.docsync.DocsFolder.sync`); each page ends with a mark
   of its write (:func:`mark_page`), and :class:`SaveBuilds` writes again, with a new mark,
   each page whose built HTML lacks its mark, :data:`REWRITE_TRIES` times, then asks for a full
   build (a restart). Shown by
   ``test_no_stale_page_after_random_good_and_bad_edits`` (it failed at step 9 with a player
   page built from the title before) and ``tests/test_docsync.py``.
4. **"No issues found" comes before the pages are written** (at 100 times the shipped story, a
   page of the build landed up to 1.25 s later), and without link checks nothing is printed at
   all: a build counts as done when its pages carry their marks, and a page is judged stale
   only :data:`GRACE_NS` after (:class:`SaveBuilds`). Judged too early, every page of a save was
   written again and again and the server restarted (12-16 s saves); shown by ``make bench``'s
   save-to-served at k=100 and the random-edit test.
5. **Under load, a save may start no build at all** (a save of 44 pages): its pages are written
   again after :data:`QUIET_NS` (:class:`SaveBuilds`). Shown by the random-edit test.
6. **A removed non-Markdown file stays in the site** (open data, feed): we remove its copy
   (:func:`forget_copies`), or a bad save would still serve the last good data. Shown by
   ``test_a_deleted_fact_page_is_removed_and_a_bad_save_replaces_every_page``.
7. **A config change reloads, but pages written during the reload may be built from their
   old text**: a changed derived config restarts Zensical instead (``DevServer._write_config``);
   shown by the random-edit test's "site name" edit.
8. **Share images and share meta in a live rebuild now and then kept an old page served**:
   the dev server renders without them (:data:`SHARE_FILES`); shown by the bad-save and
   random-edit tests, which failed intermittently with them.
9. **Its link checks double a save's build** (1.2 s to 2.4 s for the timeline at k=100): off
   unless ``--check-links`` (:func:`dev_config`); shown by
   ``test_zensical_checks_the_links_after_a_save_only_with_check_links``.

Not a fault but the reason for :mod:`generator.engines.devserver.savewaves`: 0.0.70 builds a
save's pages one after another before it serves any, so the page the editor has open goes
first.

Not ours to work around, but the floor under a save's time: after any save, 0.0.70 writes every
page of the site again (from its cache: the page's Markdown is not rendered again), in the order
of their paths. At 100 times the shipped story (1,755 files, 1,600 of them player pages), with
Zensical alone, a page under ``players/a…`` was served 0.27-0.29 s after its Markdown was
written and one under ``timeline/`` 0.64-1.03 s after (medians 0.29 s and 0.67-0.75 s): the
timeline's pages come after every player page.

A restart of Zensical is asked for by :meth:`SaveBuilds.check` (3) or a changed config (7);
both set the one flag, ``DevServer.restart``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

__all__ = [
    "ERROR_MARK",
    "POLL_SECONDS",
    "SHARE_FILES",
    "WRITE_MARK",
    "SaveBuilds",
    "dev_config",
    "forget_copies",
    "mark_page",
    "problem_page",
    "says_built",
    "watched_roots",
]

# --- 1. reads and listings hold builds back ----------------------------------------------------

POLL_SECONDS = 0.025
"""How often the watched files are looked at (a stat of each: a few dozen files). Not more
often (see 1), and a poll may read the built pages (:class:`SaveBuilds`)."""


def watched_roots(mkdocs_yml: Path, data_dir: Path, content_dir: Path) -> list[Path]:
    """What our watcher looks at: not the theme overrides, which Zensical watches itself
    (presumably each listing is an event to its watcher that starts its wait for quiet again,
    so at 25-50 ms a listing could hold a build back)."""
    return [mkdocs_yml, data_dir, content_dir]


# --- 2. identical pages are built once -----------------------------------------------------------

ERROR_MARK = b'class="data-errors-page"'
"""In every page of a bad build (:func:`problem_page`), Markdown and HTML."""


def problem_page(error: str, rel: str, escape: Callable[[str], str]) -> bytes:
    """The problem list shown at ``rel``, naming its own path so no two pages are the same."""
    where = f'<p class="data-errors-page">In place of <code>{escape(rel)}</code>.</p>'
    return f"{error}\n{where}\n".encode()


# --- 6. removed files linger in the site ----------------------------------------------------------


def forget_copies(site: Path, removed: list[str]) -> None:
    """Remove Zensical's copies of the non-Markdown files removed from the docs folder."""
    for rel in removed:
        if not rel.endswith(".md"):
            (site / rel).unlink(missing_ok=True)


# --- 7, 9. the derived config ---------------------------------------------------------------------


def dev_config(derived: dict[str, Any], *, check_links: bool) -> dict[str, Any]:
    """The dev server's config: ``make build-zensical``'s, without the link checks (9) unless
    asked for."""
    return derived if check_links else {**derived, "validation": False}


# --- 8. share files in live rebuilds --------------------------------------------------------------

SHARE_FILES = False
"""Whether the dev server renders share images and share meta (``StoryBuild(share_images=...)``;
nobody shares a page of the dev server)."""


# --- 3. the write marks ------------------------------------------------------------------------

WRITE_MARK = re.compile(rb"\n<!-- explainer serve: write \d+ -->\n\Z")
"""How a page written while Zensical runs ends (stripped when the docs folder is read back)."""


def mark_page(data: bytes, write: int) -> tuple[bytes, bytes]:
    """The page ending with the mark of write number ``write`` (an HTML comment: Zensical keeps
    it as is, so the built HTML tells which write it was made from), and the mark."""
    mark = f"<!-- explainer serve: write {write} -->".encode()
    return data + b"\n" + mark + b"\n", mark


class MarkedFolder(Protocol):
    """The docs folder as :class:`SaveBuilds` sees it
    (:class:`~generator.engines.devserver.docsync.DocsFolder`)."""

    marking: bool

    def wanted(self, rel: str) -> bytes | None: ...

    def mark(self, rel: str) -> bytes | None: ...

    def rewrite(self, rels: Iterable[str]) -> None: ...


# --- 3, 4, 5. pages built from an old text, builds said done early or not at all ------------------

REWRITE_TRIES = 3
"""How many times a save's pages are written again while Zensical's site still disagrees;
then Zensical is started afresh (a full build reads every page)."""

QUIET_NS = 2_000_000_000
"""A save's pages are written again if Zensical has built nothing this long after it (5), or
twice its slowest build of a save, if longer (at 100 times the shipped story a build of the
timeline takes 1.5-3.3 s)."""

GRACE_NS = 1_000_000_000
"""How long after Zensical says a build is done a page's HTML may still be on its way (4), at
the least; also at least as long as Zensical's slowest build of a save."""

MARKS_SECONDS = 0.1
"""How often, at most, the built pages of a save are read for their write marks (to tell that
Zensical built them when it says nothing: without its link checks it prints no line when a build
is done). Not at every poll: a page of a large story is a few megabytes."""

DEFER_LIMIT_NS = 3_000_000_000
"""The longest a save's other files wait for Zensical to say it built the save's pages."""


def says_built(line: str) -> bool:
    """Whether a line of Zensical's output says a build is done ("No issues found", ...)."""
    return line.endswith("found") or "Build finished" in line


class SaveBuilds:
    """The saves written while Zensical runs, until it has built each from its new text."""

    def __init__(
        self,
        docs: MarkedFolder,
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

    def check(self) -> bool:
        """Write a save's pages once more after the build it started (Zensical may miss some);
        True when a page was not rebuilt after every try: Zensical must be started afresh.

        Once Zensical has built a save, its pages whose HTML lacks their last write's mark (or,
        unmarked, says the opposite of their Markdown about the problem list) are written again
        with a new mark, which makes Zensical build them from their new text, a few times.
        """
        self._note_built_pages()
        restart = False
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
                restart = True
        return restart

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
