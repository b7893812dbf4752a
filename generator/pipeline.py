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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.outputs.developments import developments_files, entries
from generator.outputs.feed import DEVELOPMENTS_FEED_PATH, FEED_PATH, atom_feed, developments_feed
from generator.outputs.opendata import data_files
from generator.outputs.sharefront import ShareSite, with_share
from generator.outputs.sharemeta import share_images
from generator.pages.content import content_label, content_page
from generator.pages.contentcheck import check_content, content_warnings
from generator.pages.render import FirstPages, Page, render_story
from generator.pages.rerender import Rendered
from generator.pages.storyindex import Index
from generator.pages.templating import TEMPLATES_DIR
from generator.read.checks import ValidFile
from generator.read.contentfiles import walk_content
from generator.read.datafile import read_bounded
from generator.read.diagnostics import DataError, Diagnostic
from generator.read.factdiff import Comparison
from generator.read.fingerprint import Fingerprint, fingerprint
from generator.read.loader import FileCache, cyclic_gc_paused, display_path, load
from generator.read.published import Published, files_locator, json_side
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
    "site_files",
    "write_pages",
]

CACHE_DIR = Path(".cache") / "explainer" / "share"
"""The share images' cache, relative to the project (git-ignored, like Material's ``.cache``)."""


@dataclass
class BuildResult:
    """What one build needs: the story (None when the data is invalid), every problem, the pages."""

    data: StoryData | None
    diagnostics: list[Diagnostic]
    index: Index | None = None
    """The story's one index (None when the data is invalid)."""
    pages: list[Page] = field(default_factory=list)
    files: dict[str, str | bytes] = field(default_factory=dict)
    """Docs-relative path -> text of each generated file that is not a page, or bytes."""
    warnings: list[Diagnostic] = field(default_factory=list)
    """Scaffold examples and placeholders still in place (:mod:`generator.tools.leftovers`): the
    site builds with them; strict builds and ``explainer check --strict`` fail."""
    comparison: Comparison | None = None
    """The data against the published build's (None: not compared, or nothing published)."""
    published: str = ""
    """What was compared with (``site/data/story.json``), or why nothing was."""
    published_problem: Diagnostic | None = None
    """The published build's data could not be read: a warning (a silent change could pass)."""

    @property
    def changes(self) -> list[Diagnostic]:
        """Every change since the published build that is not a warning (see :attr:`silent`)."""
        if self.comparison is None:
            return []
        silent = set(self.comparison.silent)
        return [line for line in self.comparison.lines if line not in silent]

    @property
    def silent(self) -> list[Diagnostic]:
        """The changed or removed facts no update names, and a published build that could
        not be read: warnings, which strict builds count."""
        found = [] if self.comparison is None else list(self.comparison.silent)
        return found + ([self.published_problem] if self.published_problem else [])

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
        project: Path | None = None,
        theme_dirs: Sequence[Path] = (),
        allow_raw_html: bool = False,
        published: str | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.content_dir = content_dir
        self.display_root = display_root
        self.project = data_dir.parent if project is None else project
        """The story's folder (where mkdocs.yml is): no file it reads may lead out of it."""
        self.theme_dirs = list(theme_dirs)
        """The theme's folders (custom_dir first): a content file may not replace their files."""
        self.allow_raw_html = allow_raw_html
        """Whether content pages may hold script and other active HTML (the plugin's option)."""
        self.site_url = site_url
        self.config_file = config_file
        """``mkdocs.yml``, looked at for a placeholder site name (None: not looked at)."""
        self.cache_dir = display_root / CACHE_DIR if cache_dir is None else cache_dir
        """Where share images drawn before are kept (:mod:`generator.outputs.shareimage`)."""
        self.share_images = share_images
        """Whether the files include the share images (not for a check or the dev server, which
        would only throw them away)."""
        self.published = published
        """The published build's ``data/story.json``: a path relative to ``display_root`` or an
        http(s) address, to compare the data with (None: not compared)."""
        self._published = None if published is None else Published(published, display_root)
        self._compared: tuple[object, BuildResult, BuildResult] | None = None
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
        # What a load and a render make lives until the render ends: the cycle collector's
        # passes over it found next to nothing, and at 100 times the shipped story took a save's
        # first pages from 0.25-0.29 s to 0.29-0.46 s after the save (explainer serve).
        with cyclic_gc_paused():
            return self._run(first)

    def _run(self, first: FirstPages | None) -> BuildResult:
        data_key = fingerprint(self.data_dir, TEMPLATES_DIR)
        # Every file of content/ counts, not only its pages: a content/feed.xml clashes too.
        content_key = fingerprint(self.content_dir, patterns=("*",))
        if self.config_file is not None and self.config_file.is_file():  # its site name
            stat = self.config_file.stat()
            config = (str(self.config_file), stat.st_size, stat.st_mtime_ns)
            content_key += ((*config, stat.st_ino, stat.st_ctime_ns),)
        if self._story is None or data_key != self._data_key:
            self._story, self._result = self._load(first), None
            self._data_key = data_key
            self.loads += 1
        if self._result is None or content_key != self._content_key:
            self._result = self._check(self._story)
            self._content_key = content_key
        return self._compare(self._result)

    def _compare(self, result: BuildResult) -> BuildResult:
        """``result`` with the data compared to the published build's, if one is named; the
        comparison is made again only when the data or the published file changed."""
        if self._published is None or result.data is None or result.diagnostics:
            return result
        assert self._published is not None
        side, where, problem = self._published.read()
        key = (self._data_key, id(side), where)
        if self._compared is not None and self._compared[:2] == (key, result):
            return self._compared[2]
        comparison = None
        if side is not None:
            new = json_side(str(result.files["data/story.json"]), "this build")
            comparison = Comparison.of(side.data, new.data, files_locator(self._loaded_files))
        compared = replace(
            result, comparison=comparison, published=where, published_problem=problem
        )
        self._compared = (key, result, compared)
        return compared

    def _load(self, first: FirstPages | None = None) -> BuildResult:

        loaded = load(
            self.data_dir, display_root=self.display_root, cache=self._files, project=self.project
        )
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
        """The content pages checked against the story already loaded and rendered (their
        files and markup even when the data has problems), and the scaffold's examples and
        placeholders still in place (warnings)."""

        warnings = leftover_warnings(
            self._loaded_files, self.content_dir, self.config_file, display_root=self.display_root
        )
        problems = check_content(
            self.content_dir,
            story.index,
            display_root=self.display_root,
            project=self.project,
            theme_dirs=self.theme_dirs,
            allow_raw_html=self.allow_raw_html,
        )
        if story.index is None:
            diagnostics = sorted([*story.diagnostics, *problems])
            return replace(story, diagnostics=diagnostics, warnings=warnings)
        problems += self._clashes(story.pages, story.files)
        if problems:
            return BuildResult(data=None, diagnostics=sorted(problems), warnings=warnings)
        if self.content_dir.is_dir():  # a qualifier said twice in prose
            said = content_warnings(
                self.content_dir, story.index, display_root=self.display_root, project=self.project
            )
            warnings = sorted([*warnings, *said])
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
    """Docs-relative path -> text of every generated non-Markdown file: open data (the
    developments too) and the two feeds (updates and corrections; developments)."""
    made = entries(index)
    return {
        **data_files(index.data),
        **developments_files(index, made),
        FEED_PATH: atom_feed(index.data, site_url=site_url),
        DEVELOPMENTS_FEED_PATH: developments_feed(index.data, made, site_url=site_url),
    }


# --- writing to disk, for engines that run no MkDocs plugin ------------------------------------


def write_pages(
    data_dir: Path,
    content_dir: Path,
    out: Path,
    *,
    site_url: str | None = None,
    share: ShareSite | None = None,
    project: Path | None = None,
    theme_dirs: Sequence[Path] = (),
    allow_raw_html: bool = False,
    published: str | None = None,
    compared: Callable[[BuildResult], None] | None = None,
) -> list[Path]:
    """Write every generated page and every content page (references resolved) under ``out``.

    Content pages get the same footer as generated pages ("last updated", "get the data") and
    their front matter escaped (:mod:`generator.pages.frontmatter`). The open data (``data/``),
    the Atom feed (``feed.xml``) and the share images are written too; ``site_url`` (the site's
    http(s) address, if known) makes the feed's and the embed code's links absolute. Other
    files in ``content/`` (images, ...) are copied as they are. Raises :class:`DataError` with
    every problem of the data and of every content page (a reference that does not resolve, a
    file at a path the generator writes, a file that leads out of ``project`` or is not a
    regular file, markup that runs script) before writing anything.
    With ``share`` (the site's name and address from mkdocs.yml), each page's share meta is
    written into its front matter, for an engine that runs no plugin
    (:mod:`generator.outputs.sharefront`). With ``published`` (see :class:`StoryBuild`), the
    data is compared with the published build's and ``compared`` gets the result before
    anything is written (it may raise to stop there).
    """
    root = Path.cwd()
    project = data_dir.parent if project is None else project
    result = StoryBuild(
        data_dir,
        content_dir,
        display_root=root,
        site_url=site_url,
        project=project,
        theme_dirs=theme_dirs,
        allow_raw_html=allow_raw_html,
        published=published,
    ).run()
    index = result.index
    if index is None or result.diagnostics:
        raise DataError(result.diagnostics)
    if compared is not None:
        compared(result)
    index_pages: dict[str, str | bytes] = {page.path: page.markdown for page in result.pages}
    index_pages.update(result.files)
    contents: dict[str, str | bytes | Path] = {}
    # Only what the check let through: never a pipe, a device or a file outside the project.
    for rel, path in sorted(walk_content(content_dir, project).files.items()):
        if path.suffix == ".md":
            text = read_bounded(path, within=project).decode("utf-8").removeprefix("\ufeff")
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
