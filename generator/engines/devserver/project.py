"""What ``explainer serve`` watches: the project's folders as ``mkdocs.yml`` names them, and a
snapshot of their files and folders (``os.stat`` polling, no watcher dependency:
:mod:`generator.engines.watch`, which sees a save that keeps size and time, and a folder at a
file's path)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.engines.devserver.quirks import watched_roots
from generator.engines.mkdocsyml import load_mkdocs_config, plugin_config
from generator.engines.watch import Snapshot, snapshot
from generator.pages.render import is_site_url
from generator.read.diagnostics import DataError, Diagnostic

__all__ = ["Project", "Snapshot", "snapshot"]


@dataclass(frozen=True)
class Project:
    """What ``mkdocs.yml`` says about where things are."""

    mkdocs_yml: Path
    config: dict[str, Any]
    data_dir: Path
    content_dir: Path
    site_url: str | None

    @classmethod
    def read(cls, mkdocs_yml: Path) -> Project:
        """Raises :class:`DataError` (``file:line:col`` where YAML says) if it cannot be used."""
        name = mkdocs_yml.name
        try:
            config = load_mkdocs_config(mkdocs_yml)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            problem = f"syntax error: {error.problem}"
            raise DataError([Diagnostic(name, line, col, "", problem)]) from None
        except (OSError, yaml.YAMLError, ValueError) as error:
            raise DataError([Diagnostic(name, 1, 1, "", f"cannot use it: {error}")]) from None
        root = mkdocs_yml.resolve().parent
        site_url = config.get("site_url") or None
        if site_url is not None and not is_site_url(str(site_url)):
            problem = f"must be an http(s) address, got {site_url!r}"
            raise DataError([Diagnostic(name, 1, 1, "site_url", problem)])
        return cls(
            mkdocs_yml=mkdocs_yml,
            config=config,
            data_dir=root / str((plugin_config(config) or {}).get("data_dir", "site_data")),
            content_dir=root / str(config.get("docs_dir", "docs")),
            site_url=str(site_url) if site_url else None,
        )

    @property
    def root(self) -> Path:
        """The story's folder (where mkdocs.yml is): no file the build reads may lead out of it."""
        return self.mkdocs_yml.resolve().parent

    def watched(self) -> list[Path]:
        """What our watcher looks at (not the theme overrides: quirk 1)."""
        return watched_roots(self.mkdocs_yml, self.data_dir, self.content_dir)
