"""The files of ``content/`` that may be published, and those that must not be.

MkDocs walks its docs folder following symbolic links to folders (``os.walk(followlinks=True)``)
and copies every file it finds; :func:`generator.pipeline.write_pages` and ``explainer serve`` copy
them for Zensical. A story's pull request could thereby publish the build machine's files
(``content/env.txt -> /proc/self/environ``, ``content/etc -> /etc``) or make the build copy
``/dev/zero`` until the disk is full. :func:`walk_content` walks the folder the way MkDocs does and
keeps only what may be published; everything else is one ``file:1:1`` problem:

- a file or folder whose real path leaves the project (a symbolic link inside the project is
  fine, as is a link to another file of the project);
- anything that is not a regular file (a named pipe, a device, a socket, a dangling link, a link
  loop: :func:`generator.read.datafile.refusal`);
- a link to a folder that holds the link itself (MkDocs would walk it again and again).

:func:`theme_clashes` finds the content files that would replace a file of the theme (its
assets, ours or Material's): ``content/assets/fold-highlight.js`` would replace the script every
page loads.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.read.datafile import leaves_project, outside, refusal
from generator.read.diagnostics import Diagnostic
from generator.read.loader import display_path

__all__ = ["ContentFiles", "theme_clashes", "theme_file", "walk_content"]


@dataclass(frozen=True)
class ContentFiles:
    """What :func:`walk_content` found."""

    base: str
    """How messages name the content folder."""
    files: dict[str, Path] = field(default_factory=dict)
    """Docs-relative path (``/``-separated) -> the file: every file that may be published."""
    problems: list[Diagnostic] = field(default_factory=list)
    """One per file or folder that may not, at its line 1, column 1."""

    def label(self, rel: str) -> str:
        """How messages name the file at ``rel``: as found (``content/etc/passwd``), never by
        where a link leads."""
        return f"{self.base}/{rel}" if rel else self.base


def walk_content(
    content_dir: Path, project: Path, *, display_root: Path | None = None
) -> ContentFiles:
    """Every file under ``content_dir`` that may be published, and a problem for each one that
    may not (see the module's docstring). ``project``: the folder nothing may lead out of."""
    base = (
        content_dir.as_posix() if display_root is None else display_path(content_dir, display_root)
    )
    found = ContentFiles(base)

    def refuse(rel: str, message: str) -> None:
        found.problems.append(Diagnostic(found.label(rel), 1, 1, "", message))

    if not content_dir.is_dir():
        return found  # no content folder: MkDocs says so itself
    if outside(content_dir, project) is not None:
        refuse("", leaves_project(content_dir))
        return found
    top = os.path.realpath(content_dir)
    # (folder, its docs-relative prefix, the real paths of the folders it is in)
    stack: list[tuple[Path, str, tuple[str, ...]]] = [(content_dir, "", (top,))]
    while stack:
        folder, prefix, above = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            refuse(prefix.rstrip("/"), f"cannot read the folder: {error.strerror or error}")
            continue
        for entry in entries:
            path, rel = Path(entry.path), prefix + entry.name
            if _is_folder(entry):
                real = os.path.realpath(path)
                if outside(path, project) is not None:
                    refuse(rel, leaves_project(path))
                elif real in above or top.startswith(real.rstrip(os.sep) + os.sep):
                    refuse(rel, f"a symbolic link to a folder that holds it ({real}): a loop")
                else:
                    stack.append((path, rel + "/", (*above, real)))
                continue
            why = refusal(path, within=project)
            if why is None:
                found.files[rel] = path
            else:
                refuse(rel, why)
    return found


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows a link, as MkDocs' walk does
    except OSError:
        return False


# --- files of the theme ---------------------------------------------------------------------

_NOT_COPIED = (".*", "*/.*", "*.py", "*.pyc", "*.html", "*readme*", "mkdocs_theme.yml", "*.md")
"""Theme files MkDocs never copies into the site (``Files.add_files_from_theme``): templates,
hidden files, Python; a content file at such a path replaces nothing."""


def theme_file(rel: str, theme_dirs: list[Path]) -> Path | None:
    """The theme's own file that the site would have at ``rel`` (the first of the theme folders,
    in MkDocs' order, that has it), or None."""
    if any(fnmatch.fnmatch(rel.lower(), pattern) for pattern in _NOT_COPIED):
        return None
    for folder in theme_dirs:
        candidate = folder / rel
        if candidate.is_file():
            return candidate
    return None


def theme_clashes(
    found: ContentFiles,
    theme_dirs: list[Path],
    project: Path,
    *,
    display_root: Path | None = None,
) -> list[Diagnostic]:
    """A content file at the path of one of the theme's files: MkDocs and Zensical publish the
    content file in its place, silently (a script every page loads, a stylesheet)."""
    problems: list[Diagnostic] = []
    for rel in sorted(found.files):
        own = theme_file(rel, theme_dirs)
        if own is None:
            continue
        if outside(own, project) is None:
            whose = f"the site's own {display_path(own, display_root or project)}"
        else:  # an installed theme: name the package (material/templates -> material)
            folder = next(d for d in theme_dirs if own.is_relative_to(d))
            whose = f"{rel} of the installed theme '{folder.parent.name}'"
        message = f"would replace {whose}, which the site needs; rename or move it"
        problems.append(Diagnostic(found.label(rel), 1, 1, "", message))
    return problems
