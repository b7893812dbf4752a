"""Build the explainer with Zensical, Material for MkDocs' successor, from the same mkdocs.yml.

Zensical 0.0.70 reads mkdocs.yml and Material's theme settings, but it never imports or runs
third-party MkDocs plugins: it silently ignores the ``explainer`` entry, so a plain
``zensical build`` would publish ``content/`` alone, without a single generated page. Instead,
``make build-zensical`` (``python -m generator.engines.zensical``):

1. renders every page to a scratch docs folder with :func:`generator.pipeline.write_pages`
   (the same Markdown the plugin serves as virtual files, references resolved, and each page's
   share meta in its front matter, which the plugin puts in the page's context instead:
   :mod:`generator.outputs.sharefront`), with the share images, after comparing the data with
   the published build's as the plugin does (the plugin's ``published``; a fact changed since
   that no update names stops a strict build before anything is written);
2. writes a config derived from mkdocs.yml next to it (:func:`zensical_config`): docs_dir and
   site_dir point into the scratch folder (Zensical requires both inside the folder of its
   config file), theme.custom_dir points at the generator's theme (with the story's own
   overrides over it, if it has any), the ``explainer`` plugin entry is
   dropped, and ``theme.variant`` is ``classic`` (Material's look, which ``theme/`` styles)
   unless mkdocs.yml chooses one;
3. runs ``zensical build --strict`` on it;
4. folds accents in Zensical's search index (``search.json``: ``items`` instead of MkDocs'
   ``docs``) with the same :mod:`generator.outputs.search` functions as the plugin;
5. fixes, in every page it built, the markup of Zensical's templates that the Nu Html Checker
   rejects, with :func:`generator.outputs.htmlfix.fix_page`, as the plugin does after each MkDocs
   page (Zensical runs no plugin, so nothing else would; see that module for each fault and why);
6. publishes the result as the output folder (``site-zensical``, a link to one complete build,
   switched in one rename: :mod:`generator.engines.publish`) only when every step passed. Two
   builds at once take turns (a lock on the work folder, which each would empty).

``theme.font: false`` carries over as it is: Zensical's templates, like Material's, then link no
Google Fonts. Nothing here imports mkdocs or zensical (Zensical runs as a subprocess).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.engines.mkdocsyml import (
    PLUGIN_NAME,
    Dumper,
    allows_raw_html,
    load_mkdocs_config,
    plugin_config,
    plugin_name,
    theme_dirs,
)
from generator.engines.publish import discard, locked, new_build, publish
from generator.outputs.htmlfix import fix_page
from generator.outputs.search import fold_search_index
from generator.outputs.sharefront import share_site
from generator.outputs.theme import THEME_DIR
from generator.pages.render import is_site_url
from generator.pipeline import BuildResult, write_pages
from generator.read.diagnostics import DataError
from generator.read.published import published_spec

__all__ = [
    "ZensicalBuild",
    "build_site",
    "fix_built_pages",
    "fold_search_file",
    "fold_zensical_search_index",
    "main",
    "theme_folder",
    "zensical_config",
]

DEFAULT_VARIANT = "classic"
"""Zensical's default theme variant is 'modern'; 'classic' keeps Material for MkDocs' look."""

SEARCH_INDEX = "search.json"
"""Where Zensical writes its search index, relative to the site folder."""


# --- mkdocs.yml in, derived config out -------------------------------------------------------


def _rel(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target.resolve(), start.resolve())).as_posix()


def theme_folder(config: dict[str, Any], source_dir: Path, work: Path) -> Path:
    """The folder Zensical reads as its one ``custom_dir``: the generator's theme
    (:mod:`generator.outputs.theme`), with the story's own overrides (its ``custom_dir``) copied
    over it in ``work/theme`` when it has any, as the MkDocs plugin stacks the two."""
    theme = config.get("theme")
    own = theme.get("custom_dir") if isinstance(theme, dict) else None
    folder = (source_dir / str(own)).resolve() if own else None
    if folder is None or not folder.is_dir() or folder == THEME_DIR.resolve():
        return THEME_DIR
    merged = work / "theme"
    shutil.rmtree(merged, ignore_errors=True)
    shutil.copytree(THEME_DIR, merged)
    shutil.copytree(folder, merged, dirs_exist_ok=True)
    return merged


def zensical_config(
    config: dict[str, Any],
    *,
    source_dir: Path,
    config_dir: Path,
    docs_dir: Path,
    site_dir: Path,
    theme_dir: Path = THEME_DIR,
) -> dict[str, Any]:
    """The loaded mkdocs.yml (from ``source_dir``) adapted for a config file in ``config_dir``.

    docs_dir and site_dir become the given folders (both must be inside ``config_dir``:
    Zensical refuses anything else), theme.custom_dir is ``theme_dir`` (:func:`theme_folder`),
    watch entries are rebased, the ``explainer`` plugin is dropped, and theme.variant defaults to
    ``classic``. Everything else is kept as written, so Zensical sees the same settings as MkDocs.
    """
    derived = dict(config)
    derived["docs_dir"] = _rel(docs_dir, config_dir)
    derived["site_dir"] = _rel(site_dir, config_dir)
    theme = derived.get("theme")
    theme = {"name": theme} if isinstance(theme, str) else dict(theme or {})
    theme["custom_dir"] = _rel(theme_dir, config_dir)
    theme.setdefault("variant", DEFAULT_VARIANT)
    derived["theme"] = theme
    if derived.get("watch"):
        derived["watch"] = [_rel(source_dir / str(p), config_dir) for p in derived["watch"]]
    plugins = derived.get("plugins")
    if isinstance(plugins, dict):
        derived["plugins"] = {k: v for k, v in plugins.items() if k != PLUGIN_NAME}
    elif isinstance(plugins, list):
        derived["plugins"] = [p for p in plugins if plugin_name(p) != PLUGIN_NAME]
    return derived


def dump_config(config: dict[str, Any]) -> str:
    header = (
        "# Generated by generator/engines/zensical.py from mkdocs.yml: edit mkdocs.yml, not this.\n"
    )
    body = yaml.dump(config, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100)
    return header + body


# --- search ----------------------------------------------------------------------------------


def fold_zensical_search_index(index: dict[str, Any]) -> dict[str, Any]:
    """Zensical's ``search.json`` with the accent-folded tokens the plugin adds under MkDocs.

    Zensical's index is ``{"config": {...}, "items": [{"location", "title", "text", ...}]}``;
    each item gets the same extra tokens as a MkDocs ``docs`` entry (see
    :func:`generator.outputs.search.fold_search_index`). Idempotent; the input is left unchanged.
    """
    # Pass the config along: its separator decides which parts of elided words are added.
    folded = fold_search_index({"config": index.get("config", {}), "docs": index.get("items", [])})
    return {**index, "items": folded["docs"]}


def fold_search_file(site_dir: Path) -> bool:
    """Fold ``site_dir/search.json`` in place; False if there is no index (search disabled)."""
    path = site_dir / SEARCH_INDEX
    if not path.is_file():
        return False
    index = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(
        json.dumps(fold_zensical_search_index(index), ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8",
    )
    return True


# --- the built pages --------------------------------------------------------------------------


def fix_built_pages(site_dir: Path) -> list[Path]:
    """Run :func:`generator.outputs.htmlfix.fix_page` over every ``*.html`` of ``site_dir`` in
    place; returns the pages it changed."""
    changed = []
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        fixed = fix_page(html)
        if fixed != html:
            path.write_text(fixed, encoding="utf-8")
            changed.append(path)
    return changed


# --- the whole build -------------------------------------------------------------------------


@dataclass(frozen=True)
class ZensicalBuild:
    """Where one build put things."""

    config: Path
    docs: Path
    site: Path


def build_site(
    mkdocs_yml: Path,
    work: Path,
    site_dir: Path,
    *,
    zensical: str = "zensical",
    strict: bool = True,
) -> ZensicalBuild:
    """Render, configure, ``zensical build``, fold the index, fix the pages' markup, then swap
    the site into place.

    ``work`` is a scratch folder, emptied first (docs/, site/, mkdocs.yml and Zensical's .cache
    go there). Raises :class:`DataError` for problems in the data or content and
    :class:`ValueError` for a mkdocs.yml it cannot use (both before Zensical runs), and
    :class:`subprocess.CalledProcessError` when Zensical fails; either way ``site_dir`` is left
    as it was.
    """
    source_dir = mkdocs_yml.resolve().parent
    config = load_mkdocs_config(mkdocs_yml)
    plugin = plugin_config(config)
    data_dir = source_dir / str((plugin or {}).get("data_dir", "site_data"))
    content_dir = source_dir / str(config.get("docs_dir", "docs"))
    site_url = config.get("site_url")
    if site_url and not is_site_url(str(site_url)):
        raise ValueError(f"{mkdocs_yml}: site_url must be an http(s) address, got {site_url!r}")
    published = published_spec((plugin or {}).get("published"), source_dir)

    def compared(result: BuildResult) -> None:
        """Say what changed since the published build, as the plugin does; stop a strict
        build on a change no update names, before Zensical runs."""
        if result.comparison is not None:
            print(result.comparison.summary(result.published), file=sys.stderr)
            for line in result.changes:
                print(line, file=sys.stderr)
        if result.silent and strict:
            raise DataError(result.silent)
        for line in result.silent:
            print(line, file=sys.stderr)

    # One build at a time in a work folder: a second waits here (each would empty it).
    with locked(work.with_name(work.name + ".lock")):
        shutil.rmtree(work, ignore_errors=True)
        docs, scratch_site, derived_yml = work / "docs", work / "site", work / "mkdocs.yml"
        url = str(site_url) if site_url else None
        write_pages(
            data_dir,
            content_dir,
            docs,
            site_url=url,
            share=share_site(config),
            project=source_dir,
            theme_dirs=theme_dirs(config, source_dir),
            allow_raw_html=allows_raw_html(config),
            published=published,
            compared=compared,
        )
        derived = zensical_config(
            config,
            source_dir=source_dir,
            config_dir=work,
            docs_dir=docs,
            site_dir=scratch_site,
            theme_dir=theme_folder(config, source_dir, work),
        )
        derived_yml.write_text(dump_config(derived), encoding="utf-8")
        command = [zensical, "build", "--config-file", str(derived_yml)]
        if strict:
            command.append("--strict")
        subprocess.run(command, check=True)
        fold_search_file(scratch_site)
        fix_built_pages(scratch_site)
        build = new_build(site_dir)
        try:
            os.replace(scratch_site, build)  # a folder over an empty one: one rename
        except OSError:  # the site is on another file system
            try:
                shutil.copytree(scratch_site, build, dirs_exist_ok=True)
            except OSError:
                discard(build)
                raise
        publish(build, site_dir)
    return ZensicalBuild(config=derived_yml, docs=docs, site=site_dir)


def default_zensical() -> str:
    """The zensical executable beside this Python's (the project's venv), else from PATH."""
    beside = Path(sys.executable).parent / "zensical"
    return str(beside) if beside.is_file() else "zensical"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.engines.zensical",
        description="Build the explainer with Zensical from mkdocs.yml.",
    )
    parser.add_argument("--config", default="mkdocs.yml", help="the MkDocs config to follow")
    parser.add_argument("--work", default="build/zensical", help="scratch folder (emptied)")
    parser.add_argument("--site-dir", default="site-zensical", help="output folder")
    parser.add_argument("--zensical", default=default_zensical(), help="zensical executable")
    parser.add_argument("--no-strict", action="store_true", help="do not stop on warnings")
    args = parser.parse_args(argv)
    try:
        build = build_site(
            Path(args.config),
            Path(args.work),
            Path(args.site_dir),
            zensical=args.zensical,
            strict=not args.no_strict,
        )
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except ValueError as error:  # mkdocs.yml is not a mapping, or its site_url is not http(s)
        print(error, file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as error:
        print(
            f"zensical build failed (exit {error.returncode}); {args.site_dir} left as it was",
            file=sys.stderr,
        )
        return 1
    print(f"built {build.site} with Zensical (config {build.config})")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
