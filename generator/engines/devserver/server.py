"""``explainer serve``: Zensical's dev server over the rendered story, with our own watcher.

Zensical runs no MkDocs plugin, so it cannot read ``site_data/``. This module renders the story
into ``WORK/docs`` (:mod:`generator.engines.devserver.docsync`), derives ``WORK/mkdocs.yml`` from
``mkdocs.yml`` (:func:`generator.engines.zensical.zensical_config`), and runs ``zensical serve`` on
that config. Then it polls (``os.stat``, no dependency) ``site_data/``, ``content/`` and
``mkdocs.yml`` (Zensical watches the theme overrides itself: :meth:`Project.watched`); on a save it

- reloads only what changed: :class:`~generator.pipeline.StoryBuild` parses again only the data
  files whose bytes changed and renders again only the pages whose inputs changed (a content
  edit re-checks the content pages against the data already loaded); a ``mkdocs.yml`` edit
  rewrites the derived config (Zensical reloads it) and, if it moved the data or changed
  ``site_url``, renders again;
- writes only the files whose bytes changed, so Zensical's differential build rebuilds only
  those pages; removes those no longer rendered; while Zensical runs, the pages made from the
  saved file go first and the rest of the save (other pages, open data, feed) once Zensical
  has built them (:mod:`generator.engines.devserver.savewaves`);
- on a bad save, writes the list of problems (``file:line:col``) in place of the pages (also
  printed) and keeps serving; the next good save brings the pages back;
- folds accents in Zensical's ``search.json`` (as ``make build-zensical`` does) each time
  Zensical rewrites it.

Nothing here imports mkdocs or zensical: Zensical runs as a child process, in our process group.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

from generator.engines.devserver.docsync import (
    ContentRenderer,
    DocsFolder,
    SyncReport,
    error_files,
    story_files,
)
from generator.engines.devserver.project import Project, Snapshot, snapshot
from generator.engines.devserver.quirks import (
    POLL_SECONDS,
    SHARE_FILES,
    SaveBuilds,
    dev_config,
    forget_copies,
    says_built,
)
from generator.engines.devserver.savewaves import first_wave, leading_pages, made_from
from generator.engines.mkdocsyml import allows_raw_html, theme_dirs
from generator.engines.zensical import (
    SEARCH_INDEX,
    dump_config,
    fold_zensical_search_index,
    theme_folder,
    zensical_config,
)
from generator.pages.render import FirstPages, Page
from generator.pipeline import BuildResult, StoryBuild
from generator.read.diagnostics import DataError, Diagnostic

__all__ = ["DevServer", "Project", "Snapshot", "snapshot"]

SETTLE_SECONDS = 0.03
"""After a change is seen, how long the files must stay as they are before we render."""

SEARCH_SETTLE_SECONDS = 0.3
"""How long Zensical's search.json must stay unchanged before we fold it (Zensical wrote it)."""


class DevServer:
    """One ``explainer serve`` session: render, run Zensical, re-render on every save."""

    def __init__(
        self,
        mkdocs_yml: Path,
        work: Path,
        *,
        zensical: str = "zensical",
        dev_addr: str = "127.0.0.1:8000",
        check_links: bool = False,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.mkdocs_yml = mkdocs_yml
        self.work = work
        self.zensical = zensical
        self.dev_addr = dev_addr
        self.check_links = check_links
        """Whether Zensical checks every link and anchor after each save (its validation). Off by
        default: at 100 times the shipped story the checks alone doubled a save's build (1.2 s
        to 2.4 s); ``make build`` and ``make build-zensical`` still check every link."""
        self.log = log or (lambda text: print(text, file=sys.stderr, flush=True))
        self.docs = DocsFolder(work / "docs", work / ".incoming")
        self.project: Project | None = None
        self._builder: Any = None  # a StoryBuild for the project's folders and site_url
        self._content = ContentRenderer()
        self._good_pages: list[str] = []
        self._seen: Snapshot = {}
        self._edited: set[str] = set()  # the files that changed in the last save
        self._search: tuple[int, int] | None = None  # search.json as we last wrote it
        self._process: subprocess.Popen[bytes] | None = None
        self.builds = SaveBuilds(
            self.docs, work / "site", self._sync, self.log, says_when_built=check_links
        )
        self._early: tuple[int, list[str]] | None = None  # when (ns), pages written mid-render
        self.restart = False
        """Zensical must be started afresh (a full build): the one restart flag (see
        :mod:`~generator.engines.devserver.quirks`)."""
        self.ok = False

    # --- one refresh ---------------------------------------------------------------------

    def refresh(self) -> bool:
        """Bring docs/ and the derived config in step with the sources; True if all is well."""
        started = time.perf_counter()
        self.builds.drop_held()
        self._early = None
        try:
            project = Project.read(self.mkdocs_yml)
        except DataError as error:
            return self._show_problems(error.diagnostics, started)
        self.project = project
        self._write_config(project)
        themes, allow = theme_dirs(project.config, project.root), allows_raw_html(project.config)
        key = (project.data_dir, project.content_dir, project.site_url, themes, allow)
        builder = self._builder
        if builder is None or key != (
            builder.data_dir,
            builder.content_dir,
            builder.site_url,
            builder.theme_dirs,
            builder.allow_raw_html,
        ):
            # No share images and no share meta here (make build-zensical has both): quirk 8.
            self._builder = builder = StoryBuild(
                project.data_dir,
                project.content_dir,
                display_root=project.root,
                site_url=project.site_url,
                share_images=SHARE_FILES,
                project=project.root,
                theme_dirs=themes,
                allow_raw_html=allow,
            )
        result = builder.run(self._first_pages(project))
        if result.diagnostics:
            return self._show_problems(result.diagnostics, started)
        files = story_files(result, project.content_dir, self._content, project=project.root)
        report = self._sync(self._in_waves(project, files, result))
        self._good_pages = [rel for rel in files if rel.endswith(".md")]
        written = len(report.written) + (len(self._early[1]) if self._early else 0)
        if written or report.removed or not self.ok:
            self.log(
                f"explainer serve: {written} files written, {len(report.removed)}"
                f" removed ({time.perf_counter() - started:.2f} s)"
            )
        self.ok = True
        return True

    def _first_pages(self, project: Project) -> FirstPages | None:
        """While Zensical runs and the last save was good, the pages made from a saved data file
        are written as soon as they are rendered (:meth:`_write_first`), before the other pages,
        the open data and the content checks: at 100 times the shipped story, an event's save
        reached the timeline 0.35 s after the save instead of 0.75 s."""
        made = made_from(self._edited, project.data_dir)
        if self._process is None or not self.ok or made is None:
            return None
        return FirstPages(leads=made, made=self._write_first)

    def _write_first(self, pages: list[Page]) -> None:
        held = self.docs.held()
        first = {page.path: page.markdown.encode() for page in pages}
        first = {rel: data for rel, data in first.items() if held.get(rel) != data}
        if first:
            self._sync({**held, **first})
            self._early = (time.time_ns(), list(first))

    def _in_waves(
        self, project: Project, files: dict[str, bytes], result: BuildResult
    ) -> dict[str, bytes]:
        """``files`` as they go first (:mod:`generator.engines.devserver.savewaves`), the whole save
        held by :class:`~generator.engines.devserver.quirks.SaveBuilds` when part of it waits;
        all of them when Zensical is not running."""
        if self._early is not None:  # the first wave is written: the rest waits, new files aside
            held = self.docs.held()
            now = {rel: held.get(rel, data) for rel, data in files.items()}
            if now == files:
                return files
            self.builds.hold(self._early[0], files, self._early[1])
            return now
        leading = leading_pages(self._edited, project.data_dir, project.content_dir, result.pages)
        held = self.docs.held()
        first = first_wave(files, held, leading)
        if self._process is None or first is None:
            return files
        pages = [
            rel for rel, data in first.items() if rel.endswith(".md") and held.get(rel) != data
        ]
        self.builds.hold(time.time_ns(), files, pages)
        return first

    def _show_problems(self, diagnostics: list[Diagnostic], started: float) -> bool:
        project = self.project
        content_dir = project.content_dir if project else Path("/nonexistent")
        root = project.root if project else self.mkdocs_yml.resolve().parent
        self._sync(error_files(diagnostics, self._good_pages, content_dir, project=root))
        for diagnostic in diagnostics:
            self.log(str(diagnostic))
        count = len(diagnostics)
        self.log(
            f"explainer serve: {count} problem{'s' if count != 1 else ''}; the pages show them"
            f" until the next good save ({time.perf_counter() - started:.2f} s)"
        )
        self.ok = False
        return False

    def _sync(self, files: dict[str, bytes]) -> SyncReport:
        report = self.docs.sync(files)
        forget_copies(self.work / "site", report.removed)  # quirk 6
        self.builds.wrote([rel for rel in report.written if rel.endswith(".md")])
        return report

    def _write_config(self, project: Project) -> None:
        source_dir = project.mkdocs_yml.resolve().parent
        derived = zensical_config(
            project.config,
            source_dir=source_dir,
            config_dir=self.work,
            docs_dir=self.work / "docs",
            site_dir=self.work / "site",
            # the story's own overrides, if any, are merged when the config is written: an edit
            # of them shows after a restart (the generator's theme alone is watched live)
            theme_dir=theme_folder(project.config, source_dir, self.work),
        )
        text = dump_config(dev_config(derived, check_links=self.check_links))  # quirk 9
        path = self.work / "mkdocs.yml"
        self.work.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            # Zensical reloads a changed config itself, but may then build pages written during
            # the reload from their old text (quirk 7): start it afresh instead (a full build).
            self.restart = self.restart or self._process is not None

    # --- watching ------------------------------------------------------------------------

    def _watched(self) -> Snapshot:
        roots = self.project.watched() if self.project else [self.mkdocs_yml]
        return snapshot(*roots)

    def changed(self) -> bool:
        """Whether a watched file changed since the last look (waits for it to settle)."""
        now = self._watched()
        if now == self._seen:
            return False
        while True:  # an editor may write a file in several steps: wait until it is quiet
            time.sleep(SETTLE_SECONDS)
            later = self._watched()
            if later == now:
                break
            now = later
        self._edited = {
            path for path in now.keys() | self._seen.keys() if now.get(path) != self._seen.get(path)
        }
        self._seen = now
        return True

    def fold_search(self) -> bool:
        """Fold accents in Zensical's search.json once it has stopped changing; True if done."""
        path = self.work / "site" / SEARCH_INDEX
        try:
            stat = path.stat()
        except OSError:
            return False
        stamp = (stat.st_size, stat.st_mtime_ns)
        if stamp == self._search or time.time() - stat.st_mtime < SEARCH_SETTLE_SECONDS:
            return False
        try:
            index = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False  # being written: the next look will do
        text = json.dumps(fold_zensical_search_index(index), ensure_ascii=False)
        temporary = self.work / ".incoming" / "search.json"
        temporary.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
        done = path.stat()
        self._search = (done.st_size, done.st_mtime_ns)
        return True

    # --- the session ---------------------------------------------------------------------

    def start(self) -> None:
        """Render, then start Zensical (not if mkdocs.yml cannot be used: nothing to serve)."""
        self.refresh()
        if self.project is None:
            return
        self._seen = self._watched()
        self._launch()

    def _launch(self) -> None:
        self.builds.launched()
        self.docs.marking = True  # from now on a page may be built from an earlier text
        self.restart = False
        command = [self.zensical, "serve", "--config-file", str(self.work / "mkdocs.yml")]
        self._process = process = subprocess.Popen(
            [*command, "--dev-addr", self.dev_addr],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        threading.Thread(target=self._relay, args=(process,), daemon=True).start()

    def _relay(self, process: subprocess.Popen[bytes]) -> None:
        """Pass Zensical's output on, noting when it says a build is done."""
        assert process.stdout is not None
        for line in process.stdout:
            text = line.decode("utf-8", "replace").rstrip("\n")
            if says_built(text):
                self.builds.built()
            self.log(text)

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)

    def serve_forever(self) -> int:
        """Run until Zensical exits or we are told to stop (SIGINT, SIGTERM); the exit code."""

        def stop(signum: int, frame: FrameType | None) -> None:
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, stop)
        try:
            self.start()
            if self._process is None:
                return 1
            while (code := self._process.poll()) is None:
                if self.changed():
                    self.refresh()
                if self.restart:
                    self.log("explainer serve: restarting zensical serve")
                    self.stop()
                    self._launch()
                    continue
                self.restart = self.builds.check() or self.restart
                self.fold_search()
                time.sleep(POLL_SECONDS)
            self.log(f"explainer serve: zensical serve exited ({code})")
            return code or 1
        except KeyboardInterrupt:
            return 0
        finally:
            self.stop()
