"""The MkDocs plugin: the only module that imports mkdocs.

It moves data between MkDocs and the library and does nothing else: the library loads and
checks the YAML, renders the pages and folds the search index.

- ``on_config`` puts the generator's theme (:mod:`generator.outputs.theme`) under the story's
  own ``custom_dir``, and loads and checks the data *before* MkDocs cleans the output folder, so a
  data error stops ``mkdocs build`` with one ``PluginError`` and leaves the previous ``site/``
  intact.
  Under ``mkdocs serve`` the same error becomes an error page and the server keeps running.
  Scaffold examples and placeholders still in place are logged as warnings (a ``--strict``
  build stops there too, before touching ``site/``).
- ``on_files`` adds the generated pages, the open data (``data/``), the Atom feed
  (``feed.xml``) and the share images (``assets/images/share/``) as virtual files
  (``File.generated``), never on disk.
- ``on_page_markdown`` turns ``[[kind:id]]`` references in hand-written pages into links and
  gives them the footer of the generated pages (last updated, get the data).
- ``on_page_context`` puts the story's schema.org JSON-LD into the context of the home page
  (a NewsArticle) and the updates page (a LiveBlogPosting) as ``explainer_jsonld``, and every
  page's Open Graph and Twitter card values (``generator.outputs.sharemeta``) as
  ``explainer_share``; ``theme/main.html`` writes them into the head (``partials/share-meta.html``
  escapes them).
- ``on_page_content`` resolves the ``.md`` links of the figure charts' event marks, which
  MkDocs leaves alone in raw HTML (``generator.pages.timeaxis.resolve_links``).
- ``on_post_page`` and ``on_post_template`` (404.html) fix Material's invalid markup
  (``generator.outputs.htmlfix``).
- ``on_serve`` watches the data folder, with MkDocs' watcher and one of ours for what that one
  misses (:meth:`ExplainerPlugin._watch_what_mkdocs_misses`); ``on_post_build`` minifies the
  site's own stylesheets, drops one costly rule of Material's (``generator.outputs.stylesheets``)
  and folds accents in the search index.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Literal, cast

import jinja2
import markupsafe
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils.templates import TemplateContext

from generator.engines.errorpage import error_page_markdown
from generator.engines.watch import SaveWatcher
from generator.outputs.htmlfix import fix_page
from generator.outputs.jsonld import page_document, script_json
from generator.outputs.search import fold_search_index
from generator.outputs.sharemeta import share_meta
from generator.outputs.stylesheets import drop_colour_switch_rule, minify_stylesheets
from generator.outputs.theme import THEME_DIR
from generator.pages.content import content_label, content_page
from generator.pages.frontmatter import escaped_meta, plain
from generator.pages.render import is_site_url
from generator.pages.timeaxis import resolve_links
from generator.pipeline import WARNED, BuildResult, StoryBuild
from generator.read.contentfiles import walk_content
from generator.read.published import DEFAULT_PUBLISHED, published_spec

log = get_plugin_logger(__name__)

#: The page that shows the data's problems under ``mkdocs serve``.
ERROR_PAGE = "index.md"


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled theme templates, kept in memory across the rebuilds of ``mkdocs serve``.

    MkDocs makes a new Jinja environment for the theme on every rebuild, so Material's templates
    were compiled again after each save (about a third of a rebuild for this story). Jinja keys
    the cache by template name and source checksum, so an edited template is compiled afresh.
    """

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._store.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


class ExplainerConfig(Config):
    data_dir = c.Type(str, default="site_data")
    """Folder of the story's YAML files, relative to mkdocs.yml."""

    fold_search_accents = c.Type(bool, default=True)
    """Add accent-free forms of words to the search index, so 'Francois' finds 'François'."""

    allow_raw_html = c.Type(bool, default=False)
    """Let the pages of content/ hold markup that runs or loads code: <script>, <iframe>,
    event handlers (onclick=), javascript: links. Off, the check and the build refuse them, each
    at its file:line:col. Turn it on only when everyone who can change content/ may run script
    in every reader's browser (the editors' guide says what that means for outside pull
    requests)."""

    published = c.Type(str, default=DEFAULT_PUBLISHED)
    """The last published build's ``data/story.json``: a path relative to mkdocs.yml (the site
    a build replaces; a symbolic link is followed) or an http(s) address. The build lists every
    fact added, changed or removed since, and warns about a changed or removed fact that no
    update names (``--strict`` stops there). ``''``: compare with nothing."""


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    """Feeds a story's generated pages to MkDocs."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self._builder: StoryBuild | None = None  # kept across serve rebuilds: it caches
        self._result: BuildResult | None = None
        self._last_page_paths: list[str] = []  # pages of the last good build, for the error page
        self._titles: dict[str, str] = {}  # generated page path -> its title, as plain text
        self._theme_bytecode = _MemoryBytecodeCache()  # kept across serve rebuilds
        self._watcher: SaveWatcher | None = None  # under mkdocs serve: what MkDocs misses
        self._poke: Path | None = None  # the file it writes so that MkDocs rebuilds
        self._compared: tuple[str, ...] = ()  # what serve last said about the published build

    # Defining on_startup keeps this instance across rebuilds of `mkdocs serve`.
    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # The generator's own theme (templates and assets the generated pages rely on) comes
        # with the generator: under the story's own custom_dir, if it has one, above Material.
        dirs = config.theme.dirs
        if all(Path(folder).resolve() != THEME_DIR.resolve() for folder in dirs):
            dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        root = Path(config.config_file_path).parent
        data_dir = root / self.config.data_dir
        content_dir = Path(config.docs_dir)
        site_url = config.site_url or None
        if site_url is not None and not is_site_url(site_url):  # MkDocs accepts ftp://host/
            name = Path(config.config_file_path).name
            raise PluginError(f"{name}: site_url must be an http(s) address, got {site_url!r}")
        config_file = Path(config.config_file_path)
        theme_dirs = [Path(folder) for folder in config.theme.dirs]
        allow_raw_html = self.config.allow_raw_html
        builder = self._builder
        published = published_spec(self.config.published, root)
        if builder is None or (
            builder.data_dir,
            builder.content_dir,
            builder.site_url,
            builder.theme_dirs,
            builder.allow_raw_html,
            builder.published,
        ) != (data_dir, content_dir, site_url, theme_dirs, allow_raw_html, published):
            builder = self._builder = StoryBuild(
                data_dir,
                content_dir,
                display_root=root,
                site_url=site_url,
                config_file=config_file,
                project=root,
                theme_dirs=theme_dirs,
                allow_raw_html=allow_raw_html,
                published=published,
            )
        self._result = result = builder.run()
        # Scaffold examples and placeholders, and facts changed since the published build that
        # no update names: warnings, which `mkdocs build --strict` counts. A strict build stops
        # here, before MkDocs empties the site folder.
        for warning in result.warnings:
            log.warning(str(warning))
        self._say_changes(result)
        if config.strict and not self.serving and not result.diagnostics:
            why = []
            if result.warnings:
                why.append(WARNED)
            if result.silent:
                why.append(
                    "facts changed or removed since the published build that no update names"
                )
            count = len(result.warnings) + len(result.silent)
            if count:
                raise PluginError(
                    f"strict mode: {count} warning{'s' if count != 1 else ''} above "
                    f"({'; '.join(why)}); the site folder was not touched"
                )
        if result.diagnostics:
            report = "\n".join(str(d) for d in result.diagnostics)
            if not self.serving:
                raise PluginError(f"the story data has problems:\n{report}")
            for diagnostic in result.diagnostics:
                log.error(str(diagnostic))
        return config

    def _say_changes(self, result: BuildResult) -> None:
        """Every fact added, changed or removed since the published build (info), and those no
        update names (warnings). ``mkdocs serve`` says it again only when it changed, not on
        every save."""
        comparison = result.comparison
        lines = [] if comparison is None else [str(line) for line in comparison.lines]
        said = (result.published, *lines, *map(str, result.silent))
        if self.serving and said == self._compared:
            return
        self._compared = said
        if comparison is not None:
            log.info(comparison.summary(result.published))
            silent = set(comparison.silent)
            for line in comparison.lines:
                if line not in silent:
                    log.info(str(line))
        elif result.published:
            log.info(f"compared with no published build: {result.published}")
        for warning in result.silent:
            log.warning(str(warning))

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        if self._builder is not None:
            server.watch(str(self._builder.data_dir))
            self._watch_what_mkdocs_misses(server)
        # MkDocs watches the theme only with --watch-theme, and then Material's whole installed
        # theme too; the story's own overrides (custom_dir) and the generator's theme are all an
        # editor of this site would change.
        custom_dir = config.theme.custom_dir
        for folder in {custom_dir, str(THEME_DIR)}:
            if folder and Path(folder).is_dir():
                server.watch(folder)
        return server

    def _watch_what_mkdocs_misses(self, server: Any) -> None:
        """MkDocs' watcher (watchdog's polling observer) compares files' size and modification
        time and drops folder events: a save that keeps both (cp -p, rsync -t) and a data file
        replaced by a folder, or back, never rebuild. A watcher of our own sees them
        (:mod:`generator.engines.watch`) and writes a file in a folder MkDocs watches, which
        MkDocs does see; the rebuild reads the data again (its fingerprint has inode and ctime)."""
        self._poke = target = Path(tempfile.mkdtemp(prefix="explainer-serve-")) / "changed"
        server.watch(str(target.parent))
        pokes = itertools.count(1)

        def poke(paths: list[str]) -> None:
            target.write_text(f"{next(pokes)} {paths[0]}\n", encoding="utf-8")

        builder = self._builder
        assert builder is not None
        self._watcher = SaveWatcher(lambda: [builder.data_dir], poke)
        self._watcher.start()

    def on_shutdown(self) -> None:
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher = None
        if self._poke is not None:
            shutil.rmtree(self._poke.parent, ignore_errors=True)
            self._poke = None

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        result = self._result
        assert result is not None, "on_config runs before on_files"
        root = Path(config.config_file_path).parent
        # MkDocs walked docs_dir following links and would copy what it found: a link out of
        # the project, a pipe, /dev/zero. A build stopped in on_config; `mkdocs serve` goes on
        # (its pages show the problem), so such files are dropped here, unread.
        allowed = walk_content(Path(config.docs_dir), root).files
        for file in [f for f in files if f.generated_by is None and f.abs_src_path]:
            in_docs = Path(file.abs_src_path or "").is_relative_to(config.docs_dir)
            if in_docs and file.src_uri not in allowed:
                files.remove(file)
        if result.diagnostics:
            # Serve mode with bad data: every page the editor may have open (the explainer and
            # the pages of the last good build) shows the problems, so a live reload lands on
            # them instead of a 404; nothing is built from data that could not be read.
            error_markdown = error_page_markdown(result.diagnostics)
            for path in dict.fromkeys([ERROR_PAGE, *self._last_page_paths]):
                existing = files.get_file_from_path(path)
                if existing is not None:
                    files.remove(existing)
                files.append(File.generated(config, path, content=error_markdown))
            return files
        self._last_page_paths = [page.path for page in result.pages]
        self._titles = {page.path: page.title for page in result.pages}
        for page in result.pages:  # StoryBuild reported any content/ file at these paths
            file = File.generated(config, page.path, content=page.markdown)
            # Edit links lead to the YAML the page comes from (relative to the docs folder).
            file.edit_uri = os.path.relpath(root / page.edit_path, config.docs_dir).replace(
                os.sep, "/"
            )
            files.append(file)
        for path, content in result.files.items():  # open data, the feed, the share images
            files.append(File.generated(config, path, content=content))
        return files

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        env.bytecode_cache = self._theme_bytecode
        return env

    def on_page_markdown(
        self, markdown: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        if page.file.generated_by is not None:
            return markdown
        # The theme prints front matter as HTML (the header, <meta name="description">, the
        # nav): MkDocs has read it already, so its texts are escaped here, whatever the data.
        page.meta = escaped_meta(page.meta)
        result = self._result
        if result is None or result.index is None:
            return markdown
        root = Path(config.config_file_path).parent
        label = content_label(Path(page.file.abs_src_path or page.file.src_path), root)
        return content_page(
            markdown,
            result.index,
            page_path=page.file.src_uri,
            file_label=label,
            front_matter=False,
        )

    def on_page_context(
        self, context: TemplateContext, /, *, page: MkDocsPage, config: MkDocsConfig, nav: Any
    ) -> TemplateContext:
        result = self._result
        if result is not None and result.data is not None:
            document = page_document(
                result.data, page.file.src_uri, site_url=config.site_url or None
            )
            if document is not None:
                # A key of our own in MkDocs' TypedDict context; the theme reads it.
                cast(dict[str, Any], context)["explainer_jsonld"] = script_json(document)
        if result is not None and result.index is not None:
            path = page.file.src_uri
            # A hand-written page's title is MkDocs' (its nav entry or first heading), which
            # may hold entities and tags: made plain text here, escaped by the theme.
            title = self._titles.get(path) or markupsafe.Markup(page.title or "").striptags()
            description = (page.meta or {}).get("description")
            if isinstance(description, str) and page.file.generated_by is None:
                description = plain(description)  # escaped in on_page_markdown
            share = share_meta(
                result.index,
                path,
                title=title,
                site_name=config.site_name,
                site_description=config.site_description or None,
                description=description if isinstance(description, str) else None,
                site_url=config.site_url or None,
                url=page.url,
            )
            cast(dict[str, Any], context)["explainer_share"] = share.as_dict()
        return context

    def on_page_content(
        self, html: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        return resolve_links(html, page.file.src_uri, directory_urls=config.use_directory_urls)

    def on_post_page(self, output: str, /, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        return fix_page(output)

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        return fix_page(output_content) if template_name.endswith(".html") else output_content

    @event_priority(-100)  # after Material's search plugin wrote the index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        minify_stylesheets(Path(config.site_dir), [str(path) for path in config.extra_css])
        drop_colour_switch_rule(Path(config.site_dir))
        if not self.config.fold_search_accents:
            return
        index_path = Path(config.site_dir) / "search" / "search_index.json"
        if not index_path.is_file():
            return
        index = json.loads(index_path.read_text(encoding="utf-8"))
        index_path.write_text(
            json.dumps(fold_search_index(index), ensure_ascii=False, separators=(",", ":")),
            encoding="utf-8",
        )
