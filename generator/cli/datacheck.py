"""``explainer check`` and ``explainer diff``: the data held to every rule of the build, and to
the last published build, without building.

Each command imports what it needs inside its function, on purpose (see :mod:`generator.cli`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator.read.diagnostics import Diagnostic

__all__ = ["cmd_check", "cmd_diff"]


def cmd_check(args: argparse.Namespace) -> int:
    """What ``mkdocs build`` checks, without building: the data (every record), the content
    pages' ``[[kind:id]]`` references, content files at generated paths; and, as warnings,
    the scaffold's examples and placeholders still in place."""
    import yaml

    from generator.engines.mkdocsyml import allows_raw_html, load_mkdocs_config, theme_dirs
    from generator.outputs.jsonld import missing_credits
    from generator.pipeline import WARNED, StoryBuild
    from generator.schema.kinds import FILE_MODELS

    data_dir = Path(args.data_dir)
    project = data_dir.parent
    content_dir = Path(args.content_dir) if args.content_dir else project / "content"
    config = Path(args.config) if args.config else project / "mkdocs.yml"
    settings: dict[str, Any] = {}
    if config.is_file():
        project = config.resolve().parent  # the story's folder: nothing may lead out of it
        try:
            settings = load_mkdocs_config(config)
        except (OSError, ValueError, yaml.YAMLError):
            settings = {}  # the build says what is wrong with it; the data is checked anyway
    build = StoryBuild(
        data_dir,
        content_dir,
        display_root=Path.cwd(),
        config_file=config if config.is_file() else None,
        share_images=False,  # a check draws no pictures
        project=project,
        theme_dirs=theme_dirs(settings, project),
        allow_raw_html=allows_raw_html(settings),
        published=_published(args.published, config, settings),
    )
    try:
        result = build.run()
    except OSError as error:  # the loader reports unreadable files; this is the last resort
        print(f"{args.data_dir}: cannot read: {error}", file=sys.stderr)
        return 1
    if result.comparison is not None:  # every fact added, changed or removed since publication
        print(result.comparison.summary(result.published), file=sys.stderr)
    for line in sorted([*result.diagnostics, *result.warnings, *result.changes, *result.silent]):
        print(line, file=sys.stderr)
    if result.data is not None and "story" in build.loaded_files:
        # The structured data is poorer for what the story leaves out (a byline, a publisher):
        # said, but not counted against --strict, since a story may honestly have neither.
        at = build.loaded_files["story"].at(("story",), "")
        for message in missing_credits(result.data):
            notice = Diagnostic(at.file, at.line, at.col, "warning", f"story: {message}")
            print(notice, file=sys.stderr)
    warned = len(result.warnings) + len(result.silent)
    warnings = f"{warned} warning{'s' if warned != 1 else ''}"
    if result.diagnostics or result.data is None:
        count = len(result.diagnostics)
        found = f"{count} problem{'s' if count != 1 else ''} found"
        print(f"{found}, {warnings}" if warned else found, file=sys.stderr)
        return 1
    counts = ", ".join(
        f"{len(getattr(result.data, kind))} {kind}" for kind in FILE_MODELS if kind != "story"
    )
    if warned:
        what = []
        if result.warnings:
            what.append(WARNED)
        if result.silent:
            what.append("facts changed since the published build that no update names")
        print(f"{args.data_dir}: ok ({counts}); {warnings}: {'; '.join(what)}")
        return 1 if args.strict else 0
    print(f"{args.data_dir}: ok ({counts})")
    return 0


def _published(option: str | None, config: Path, settings: dict[str, Any]) -> str | None:
    """The published build to compare with: ``--published``, else the plugin's ``published``
    in mkdocs.yml (``settings``, loaded), else ``site/data/story.json``
    (:func:`published_spec`)."""
    from generator.engines.mkdocsyml import plugin_config
    from generator.read.published import published_spec

    if option is not None:
        return published_spec(option, config.parent)
    return published_spec((plugin_config(settings) or {}).get("published"), config.parent)


def cmd_diff(args: argparse.Namespace) -> int:
    """Every fact added, changed or removed from OLD to NEW (data folders, published sites or
    their data/story.json), and those no update names: exit 1 if there is one."""
    from generator.read.published import PublishedError, compare_sides, side_of

    try:
        old, new = side_of(args.old, Path.cwd()), side_of(args.new, Path.cwd())
    except PublishedError as error:
        print(f"explainer diff: {error}", file=sys.stderr)
        return 1
    comparison = compare_sides(old, new)
    for line in comparison.lines:
        print(line)
    print(comparison.summary(old.name), file=sys.stderr)
    return 1 if comparison.silent else 0
