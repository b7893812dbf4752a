"""Load, check and render one story, caching the result while its input files are unchanged.

Engine-independent: the MkDocs plugin, the CLI's ``render`` (:func:`write_pages`) and the
benchmark all go through ``StoryBuild``. One :class:`~generator.pages.storyindex.Index` is made per
build and carried in its result: rendering, the hand-written pages' references and their checks
all read it. ``mkdocs serve`` rebuilds on every save; reading and validating the YAML and
rendering every page again when nothing they depend on changed would make each reload slower
for nothing, so results are kept until a fingerprint of the inputs (path, size, mtime) changes.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.outputs.feed import FEED_PATH, atom_feed
from generator.outputs.opendata import data_files
from generator.outputs.sharefront import ShareSite, with_share
from generator.outputs.sharemeta import share_images
from generator.pages.content import check_content, content_label, content_page, content_warnings
from generator.pages.render import FirstPages, Page, render_story
from generator.pages.rerender import Rendered
from generator.pages.storyindex import Index
from generator.pages.templating import TEMPLATES_DIR
from generator.read.checks import ValidFile
from generator.read.diagnostics import DataError, Diagnostic
from generator.read.loader import FileCache, display_path, load
from generator.schema.kinds import StoryData
from generator.tools.leftovers import leftover_warnings

WARNED = "examples or placeholders to replace, or a qualifier said twice"
"""What the warnings of a build are, said after their count (``explainer check``, a strict
build)."""

__all__ = [
    "CACHE_DIR",
    "RENDER_MANIFEST",
    "WARNED",
    "BuildResult",
    "StoryBuild",
    "fingerprint",
    "site_files",
    "write_pages",
]

CACHE_DIR = Path(".cache") / "explainer" / "share"
"""The share images' cache, relative to the project (git-ignored, like Material's ``.cache``)."""

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
    index: Index | None = None
    """The story's one index (None when the data is invalid)."""
    pages: list[Page] = field(default_factory=list)
    files: dict[str, str | bytes] = field(default_factory=dict)
    """Docs-relative path -> text of each generated non-Markdown file (open data, feed), or
    bytes (the share images)."""
    warnings: list[Diagnostic] = field(default_factory=list)
    """Scaffold examples and placeholders still in place (:mod:`generator.tools.leftovers`): the
    site builds with them; strict builds and ``explainer check --strict`` fail."""

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
        config_file: Path | None = None,
        cache_dir: Path | None = None,
        share_images: bool = True,
    ) -> None:
        self.data_dir = data_dir
        self.content_dir = content_dir
        self.display_root = display_root
        self.site_url = site_url
        self.config_file = config_file
        """``mkdocs.yml``, looked at for a placeholder site name (None: not looked at)."""
        self.cache_dir = display_root / CACHE_DIR if cache_dir is None else cache_dir
        """Where share images drawn before are kept (:mod:`generator.outputs.shareimage`)."""
        self.share_images = share_images
        """Whether the files include the share images (not for a check or the dev server, which
        would only throw them away)."""
        self._data_key: Fingerprint | None = None
        self._content_key: Fingerprint | None = None
        self._story: BuildResult | None = None  # the data and its pages, before content checks
        self._result: BuildResult | None = None
        self._loaded_files: dict[str, ValidFile] = {}  # of the last load, for the warnings
        self._files: FileCache = {}  # each data file's own load, reused while its bytes stay
        self._rendered: Rendered | None = None  # the last good render, to keep unchanged pages
        self._templates_key: Fingerprint | None = None
        self.loads = 0  # how many times the inputs were really read (the benchmark reports it)

    def run(self, first: FirstPages | None = None) -> BuildResult:
        """The story, its pages and every problem; only what changed since the last run is redone.

        A change under the data folder or the templates reloads the data (each file parsed again
        only if its bytes changed) and renders every page; a change in the content folder alone
        checks the content pages again against the data already loaded. ``first``: pages handed
        over as soon as they are rendered, when the data is valid and rendered again (before the
        content pages are checked against it).
        """
        data_key = fingerprint(self.data_dir, TEMPLATES_DIR)
        # Every file of content/ counts, not only its pages: a content/feed.xml clashes too.
        content_key = fingerprint(self.content_dir, patterns=("*",))
        if self.config_file is not None and self.config_file.is_file():  # its site name
            stat = self.config_file.stat()
            content_key += ((str(self.config_file), stat.st_size, stat.st_mtime_ns),)
        if self._story is None or data_key != self._data_key:
            self._story, self._result = self._load(first), None
            self._data_key = data_key
            self.loads += 1
        if self._result is None or content_key != self._content_key:
            self._result = self._check(self._story)
            self._content_key = content_key
        return self._result

    def _load(self, first: FirstPages | None = None) -> BuildResult:

        loaded = load(self.data_dir, display_root=self.display_root, cache=self._files)
        self._loaded_files = loaded.files
        data, diagnostics = loaded.data, loaded.diagnostics
        if data is None or diagnostics:
            return BuildResult(data=None, diagnostics=sorted(diagnostics))
        index = Index(data)
        # A player page whose inputs are unchanged is kept (generator.pages.rerender), but only
        # while the templates are the very same.
        templates_key = fingerprint(TEMPLATES_DIR)
        if templates_key != self._templates_key:
            self._rendered, self._templates_key = None, templates_key
        pages, self._rendered = render_story(
            index, site_url=self.site_url, previous=self._rendered, first=first
        )
        files: dict[str, str | bytes] = {**site_files(index, site_url=self.site_url)}
        if self.share_images:
            files.update(share_images(index, self.cache_dir))
        return BuildResult(data=data, diagnostics=[], index=index, pages=pages, files=files)

    def _check(self, story: BuildResult) -> BuildResult:
        """The content pages checked against the story already loaded and rendered, and the
        scaffold's examples and placeholders still in place (warnings)."""

        warnings = leftover_warnings(
            self._loaded_files, self.content_dir, self.config_file, display_root=self.display_root
        )
        if story.index is None:
            return replace(story, warnings=warnings)
        problems = check_content(self.content_dir, story.index, display_root=self.display_root)
        problems += self._clashes(story.pages, story.files)
        if problems:
            return BuildResult(data=None, diagnostics=sorted(problems), warnings=warnings)
        if self.content_dir.is_dir():  # a qualifier said twice in prose
            warnings = sorted(
                [
                    *warnings,
                    *content_warnings(
                        self.content_dir, story.index, display_root=self.display_root
                    ),
                ]
            )
        return replace(story, warnings=warnings)

    @property
    def loaded_files(self) -> dict[str, ValidFile]:
        """Each data file of the last load that validated (with its source map)."""
        return self._loaded_files

    def _clashes(self, pages: list[Page], files: dict[str, str | bytes]) -> list[Diagnostic]:
        """A file in content/ at a path the generator writes: one would silently replace the other.

        Found here, with the other problems, so ``mkdocs build`` stops in ``on_config`` (before
        MkDocs empties the site folder) and ``mkdocs serve`` shows them on its error page.
        """

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


def site_files(index: Index, *, site_url: str | None = None) -> dict[str, str]:
    """Docs-relative path -> text of every generated non-Markdown file: open data and the feed."""
    return {**data_files(index.data), FEED_PATH: atom_feed(index.data, site_url=site_url)}


# --- writing to disk, for engines that run no MkDocs plugin ------------------------------------


def write_pages(
    data_dir: Path,
    content_dir: Path,
    out: Path,
    *,
    site_url: str | None = None,
    share: ShareSite | None = None,
) -> list[Path]:
    """Write every generated page and every content page (references resolved) under ``out``.

    Content pages get the same footer as generated pages ("last updated", "get the data").
    The open data (``data/``), the Atom feed (``feed.xml``) and the share images are written
    too; ``site_url``
    (the site's http(s) address, if known) makes the feed's and the embed code's links
    absolute. Other files in ``content/`` (images, ...) are copied as they are. Raises
    :class:`DataError` with every problem of the data and of every content page (a reference
    that does not resolve, a file at a path the generator writes) before writing anything.
    With ``share`` (the site's name and address from mkdocs.yml), each page's share meta is
    written into its front matter, for an engine that runs no plugin
    (:mod:`generator.outputs.sharefront`).
    """
    root = Path.cwd()
    result = StoryBuild(data_dir, content_dir, display_root=root, site_url=site_url).run()
    index = result.index
    if index is None or result.diagnostics:
        raise DataError(result.diagnostics)
    index_pages: dict[str, str | bytes] = {page.path: page.markdown for page in result.pages}
    index_pages.update(result.files)
    contents: dict[str, str | bytes | Path] = {}
    for path in sorted(p for p in content_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(content_dir).as_posix()
        if path.suffix == ".md":
            text = path.read_text(encoding="utf-8")
            label = content_label(path, root)
            contents[rel] = content_page(text, index, page_path=rel, file_label=label)
        else:
            contents[rel] = path
    if share is not None:
        titles = {page.path: page.title for page in result.pages}
        for pages in (index_pages, contents):
            for rel, item in pages.items():
                if rel.endswith(".md") and isinstance(item, str):
                    pages[rel] = with_share(index, rel, item, share, title=titles.get(rel))
    previous = _rendered_before(out)
    written: list[Path] = []
    for rel, item in {**index_pages, **contents}.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(item, Path):
            shutil.copyfile(item, target)
        elif isinstance(item, bytes):
            target.write_bytes(item)
        else:
            target.write_text(item, encoding="utf-8", newline="\n")
        written.append(target)
    # A page of a deleted fact (or a renamed content file) must not linger for the next engine
    # to publish: remove what the last render wrote and this one did not, and nothing else.
    current = {path.relative_to(out).as_posix() for path in written}
    for rel in sorted(previous - current):
        (out / rel).unlink(missing_ok=True)
    (out / RENDER_MANIFEST).write_text(json.dumps(sorted(current), indent=0) + "\n", "utf-8")
    return written


RENDER_MANIFEST = ".explainer-render.json"
"""The list of files the last ``write_pages`` wrote into its output folder."""


def _rendered_before(out: Path) -> set[str]:
    try:
        listed = json.loads((out / RENDER_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    # Only plain relative paths: the manifest is ours, but never delete outside ``out``.
    return {
        rel
        for rel in listed
        if isinstance(rel, str) and rel and not rel.startswith("/") and ".." not in rel.split("/")
    }
