"""Load, check and render one story, caching the result while its input files are unchanged.

Engine-independent: the MkDocs plugin, the CLI's ``render`` and the benchmark all go through
``StoryBuild``. ``mkdocs serve`` rebuilds on every save; reading and validating the YAML and
rendering every page again when nothing they depend on changed would make each reload slower
for nothing, so results are kept until a fingerprint of the inputs (path, size, mtime) changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.diagnostics import Diagnostic
from generator.model import StoryData
from generator.render import TEMPLATES_DIR

if TYPE_CHECKING:
    from generator.loader import FileCache
    from generator.render import Page

Fingerprint = tuple[tuple[str, int, int], ...]


def fingerprint(
    *folders: Path, patterns: tuple[str, ...] = ("*.yaml", "*.yml", "*.md")
) -> Fingerprint:
    """(path, size, mtime_ns) of every matching file below the folders, in a stable order."""
    entries: list[tuple[str, int, int]] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for pattern in patterns:
            for path in folder.rglob(pattern):
                try:
                    stat = path.stat()
                except OSError:
                    continue
                entries.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(entries))


@dataclass
class BuildResult:
    """What one build needs: the story (None when the data is invalid), every problem, the pages."""

    data: StoryData | None
    diagnostics: list[Diagnostic]
    pages: list[Page] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    """Docs-relative path -> text of each generated non-Markdown file (open data, feed)."""

    @property
    def ok(self) -> bool:
        return self.data is not None and not self.diagnostics


class StoryBuild:
    """Loads and renders a story; reuses the last result while no input file changed."""

    def __init__(
        self,
        data_dir: Path,
        content_dir: Path,
        display_root: Path,
        *,
        site_url: str | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.content_dir = content_dir
        self.display_root = display_root
        self.site_url = site_url
        self._data_key: Fingerprint | None = None
        self._content_key: Fingerprint | None = None
        self._story: BuildResult | None = None  # the data and its pages, before content checks
        self._result: BuildResult | None = None
        self._files: FileCache = {}  # each data file's own load, reused while its bytes stay
        self.loads = 0  # how many times the inputs were really read (the benchmark reports it)

    def run(self) -> BuildResult:
        """The story, its pages and every problem; only what changed since the last run is redone.

        A change under the data folder or the templates reloads the data (each file parsed again
        only if its bytes changed) and renders every page; a change in the content folder alone
        checks the content pages again against the data already loaded.
        """
        data_key = fingerprint(self.data_dir, TEMPLATES_DIR)
        # Every file of content/ counts, not only its pages: a content/feed.xml clashes too.
        content_key = fingerprint(self.content_dir, patterns=("*",))
        if self._story is None or data_key != self._data_key:
            self._story, self._result = self._load(), None
            self._data_key = data_key
            self.loads += 1
        if self._result is None or content_key != self._content_key:
            self._result = self._check(self._story)
            self._content_key = content_key
        return self._result

    def _load(self) -> BuildResult:
        from generator.loader import load_story_or_diagnostics
        from generator.render import render_pages, site_files

        data, diagnostics = load_story_or_diagnostics(
            self.data_dir, display_root=self.display_root, cache=self._files
        )
        if data is None or diagnostics:
            return BuildResult(data=None, diagnostics=sorted(diagnostics))
        pages = list(render_pages(data, site_url=self.site_url))
        files = site_files(data, site_url=self.site_url)
        return BuildResult(data=data, diagnostics=[], pages=pages, files=files)

    def _check(self, story: BuildResult) -> BuildResult:
        from generator.render import check_content

        if story.data is None:
            return story
        problems = check_content(self.content_dir, story.data, display_root=self.display_root)
        problems += self._clashes(story.pages, story.files)
        if problems:
            return BuildResult(data=None, diagnostics=sorted(problems))
        return story

    def _clashes(self, pages: list[Page], files: dict[str, str]) -> list[Diagnostic]:
        """A file in content/ at a path the generator writes: one would silently replace the other.

        Found here, with the other problems, so ``mkdocs build`` stops in ``on_config`` (before
        MkDocs empties the site folder) and ``mkdocs serve`` shows them on its error page.
        """
        from generator.loader import display_path

        written = [(page.path, "page") for page in pages] + [(path, "file") for path in files]
        return [
            Diagnostic(
                display_path(self.content_dir / path, self.display_root),
                1,
                1,
                "",
                f"the generator writes this {what}; rename or move it",
            )
            for path, what in written
            if (self.content_dir / path).exists()
        ]
