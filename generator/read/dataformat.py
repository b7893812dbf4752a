"""Which version of the data format a story is written in, and the one line that says so.

``site_data/story.yaml`` states it (``format: 2``). A story made before versions were recorded
states none: it is in the first format if a figure holds its number itself (``value``,
``approximate`` or ``cites`` on the figure, no ``reports``), else in format 2, the first with
versions (:mod:`generator.schema.formats`). The loader asks before it validates anything: data of
another version gives one line naming the version and the command that moves it, instead of a
list of field errors that would only confuse (a first-format story gave 95 of them).

Only the files' shape is read here (YAML composed, never built: no alias is expanded).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.read.datafile import Unreadable, read_bounded
from generator.read.diagnostics import Diagnostic
from generator.schema.formats import CURRENT, FORMAT_KEY, by_version
from generator.schema.kinds import STORY_FILE

__all__ = [
    "FIRST_SHAPE_KEYS",
    "UNSTATED",
    "Found",
    "format_problem",
    "found_format",
    "stated_format",
]

TOO_LONG = 10**9
"""The version of a stated version of ten digits or more: newer than any there will be."""

FIRST_SHAPE_KEYS = ("value", "approximate", "cites")
"""Keys a figure held itself in the first format (format 2 moved them into its reports)."""


@dataclass(frozen=True)
class Found:
    """The version of a story's data, and where that shows."""

    version: int
    stated: bool
    """Written in story.yaml (else found by the data's shape)."""
    file: str
    """The data file (``story.yaml``, or the file whose shape told) in the data folder."""
    line: int
    col: int
    why: str = ""
    """For a version found by shape: what showed it (``figures[0] has 'value'``)."""
    shown: str = ""
    """A stated version too long to read as a number, as messages show it (else the number)."""


def _compose(path: Path, project: Path | None) -> yaml.Node | None:
    within = path.parent.parent if project is None else project  # nothing outside the project
    try:
        raw = read_bounded(path, within=within)
        return yaml.compose(raw.decode("utf-8"), Loader=yaml.CSafeLoader)
    except (Unreadable, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return None  # the loader reports it where it reads the file


def _entries(node: yaml.Node | None) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        return []
    return [(key, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)]


def stated_format(data_dir: Path, project: Path | None = None) -> Found | None:
    """The version ``story.yaml`` states, if it states a whole number. ``project``: the folder
    no file may lead out of (default: the data folder's parent)."""
    for key, value in _entries(_compose(data_dir / f"{STORY_FILE}.yaml", project)):
        whole = isinstance(value, yaml.ScalarNode) and value.tag.endswith(":int")
        if key.value == FORMAT_KEY and whole and value.value.isdigit():
            mark = value.start_mark
            story = f"{STORY_FILE}.yaml"
            digits = value.value.lstrip("0") or "0"
            if len(digits) < 10:
                return Found(int(digits), True, story, mark.line + 1, mark.column + 1)
            # Newer than any version will be; int() refuses more than 4,300 digits (a fuzzed
            # story.yaml stated 5,018), and a message shows it shortened.
            shown = digits if len(digits) <= 20 else f"{digits[:12]}… ({len(digits):,} digits)"
            return Found(TOO_LONG, True, story, mark.line + 1, mark.column + 1, shown=shown)
    return None


def _first_shape(data_dir: Path, project: Path | None) -> Found | None:
    """The first figure that holds its number itself, if any."""
    for key, value in _entries(_compose(data_dir / "figures.yaml", project)):
        if key.value != "figures" or not isinstance(value, yaml.SequenceNode):
            continue
        for number, item in enumerate(value.value):
            names = {k.value: k for k, _ in _entries(item)}
            held = [name for name in FIRST_SHAPE_KEYS if name in names]
            if held and "reports" not in names:
                mark = names[held[0]].start_mark
                why = f"figures[{number}] has '{held[0]}'"
                return Found(1, False, "figures.yaml", mark.line + 1, mark.column + 1, why)
    return None


UNSTATED = 2
"""The version of a story that states none and has no first-format figure: format 2, the last
one before versions were written down."""


def found_format(data_dir: Path, project: Path | None = None) -> Found:
    """The version stated, else the one the shape shows (the first, or format 2).

    A ``story.yaml`` that cannot be read as YAML (or holds nothing) may state a version all the
    same: then no version is claimed (found as the current one), so its problem is said as
    itself. Claiming format 2 there told an editor with a typo in story.yaml to run ``explainer
    upgrade`` as soon as the current format was 3.
    """
    found = stated_format(data_dir, project) or _first_shape(data_dir, project)
    if found is None and _compose(data_dir / f"{STORY_FILE}.yaml", project) is None:
        return Found(CURRENT, False, f"{STORY_FILE}.yaml", 1, 1, "story.yaml cannot be read")
    if found is None:
        why = "no version stated, no figure holding its own number"
        return Found(UNSTATED, False, f"{STORY_FILE}.yaml", 1, 1, why)
    return found


def format_problem(found: Found | None, data_dir: Path, display: str) -> Diagnostic | None:
    """The one line for data of another version than this generator reads (None: the current).

    ``display`` is the data folder as the user named it (``site_data``), for the command.
    """
    if found is None or found.version == CURRENT:
        return None
    where = f"{display.rstrip('/')}/{found.file}"
    field = FORMAT_KEY if found.stated else ""
    if found.version > CURRENT:
        message = (
            f"data format {found.shown or found.version} is newer than this generator reads "
            f"({CURRENT}): upgrade the generator"
        )
        return Diagnostic(where, found.line, found.col, field, message)
    known = by_version(found.version)
    what = f"data format {found.version}" + (f" ({known.name})" if known is not None else "")
    how = "stated in story.yaml" if found.stated else f"found by its shape ({found.why})"
    folder = display.rstrip("/")
    command = "explainer upgrade" + ("" if folder == "site_data" else f" {folder}")
    message = (
        f"{what}, {how}; this generator reads format {CURRENT}: run '{command}' to move the "
        f"story ('{command} --check' shows the changes first)"
    )
    return Diagnostic(where, found.line, found.col, field, message)
