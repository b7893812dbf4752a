"""``mkdocs.yml`` read without MkDocs: what the engines that run no MkDocs plugin need from it.

``make build-zensical``, ``explainer serve`` and ``explainer check`` read the same ``mkdocs.yml``
as MkDocs, with a safe YAML loader that keeps application tags (``!!python/name:...``, ``!ENV``)
as data (:class:`Tagged`) and :class:`Dumper` to write them back; :func:`plugin_config` is the
``explainer`` plugin's settings, :func:`allows_raw_html` its one option the content check reads,
and :func:`theme_dirs` the theme's folders, found without importing MkDocs or Zensical. Nothing
here imports mkdocs or zensical.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import yaml

from generator.outputs.theme import THEME_DIR
from generator.pages.contentcheck import ALLOW_OPTION

__all__ = [
    "PLUGIN_NAME",
    "Dumper",
    "Tagged",
    "allows_raw_html",
    "load_mkdocs_config",
    "plugin_config",
    "plugin_name",
    "theme_dirs",
]

PLUGIN_NAME = "explainer"
"""Our MkDocs plugin's entry point name (pyproject.toml)."""


@dataclass(frozen=True)
class Tagged:
    """A YAML node with an application tag (``!!python/name:...``, ``!ENV``), kept as written."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    """Safe loading that keeps ``!!python/...`` and ``!...`` tags instead of resolving them."""


class Dumper(yaml.SafeDumper):
    """Writes :class:`Tagged` nodes back with their tag."""


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        assert isinstance(node, yaml.MappingNode)
        value = loader.construct_mapping(node, deep=True)
    return Tagged(node.tag, value)


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Loader.add_multi_constructor("!", _construct_tagged)
Dumper.add_representer(Tagged, _represent_tagged)


def load_mkdocs_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml as a dict; Python and custom tags are kept (see :class:`Tagged`), not run."""
    with path.open(encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=_Loader)  # a SafeLoader: tags are kept as data
    if not isinstance(config, dict):
        raise ValueError(f"{path}: not a mapping")
    return config


def plugin_name(entry: Any) -> str | None:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict) and len(entry) == 1:
        return str(next(iter(entry)))
    return None


def plugin_config(config: dict[str, Any], name: str = PLUGIN_NAME) -> dict[str, Any] | None:
    """The settings of plugin ``name`` in a loaded mkdocs.yml (``{}`` if bare, None if absent)."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        return dict(plugins[name] or {}) if name in plugins else None
    for entry in plugins:
        if plugin_name(entry) == name:
            return dict(entry[name] or {}) if isinstance(entry, dict) else {}
    return None


def allows_raw_html(config: dict[str, Any]) -> bool:
    """The plugin's ``allow_raw_html`` option in a loaded mkdocs.yml (only a YAML ``true``
    counts; MkDocs refuses anything but a boolean)."""
    return (plugin_config(config) or {}).get(ALLOW_OPTION) is True


def theme_dirs(config: dict[str, Any], source_dir: Path) -> list[Path]:
    """The theme's folders in a loaded mkdocs.yml, found without importing an engine: its
    ``custom_dir``, the generator's own theme (:mod:`generator.outputs.theme`), the installed
    theme it names (MkDocs' ``mkdocs.themes`` entry point, e.g.
    ``material/templates``), Zensical's own templates and MkDocs' base templates, those that
    exist. A content file may replace none of their files (``explainer check``)."""
    theme = config.get("theme")
    theme = {"name": theme} if isinstance(theme, str) else dict(theme or {})
    found = [source_dir / str(theme["custom_dir"])] if theme.get("custom_dir") else []
    found.append(THEME_DIR)  # under the story's own overrides, as the plugin stacks them
    themes = {entry.name: entry.value for entry in entry_points(group="mkdocs.themes")}
    for module in (themes.get(str(theme.get("name"))), "zensical.templates", "mkdocs.templates"):
        folder = _module_folder(module) if module else None
        if folder is not None:
            found.append(folder)
    return found


def _module_folder(module: str) -> Path | None:
    """The folder of a module path such as ``material.templates``, its package left unimported."""
    top, _, rest = module.partition(".")
    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))).joinpath(
        *rest.split(".") if rest else []
    )
    return folder if folder.is_dir() else None
