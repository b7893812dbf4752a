"""From the first format to format 2: each figure's one number becomes its first report.

A first-format figure held its number itself: ``value``, ``approximate`` (true for a number the
source gives as approximate) and ``cites``. In format 2 a figure is a series of reports; the step
moves the three into one report, ``<figure id>-reported`` (the shipped story's own choice when it
moved by hand), with ``qualifier: about`` for ``approximate: true``. Comments on the moved lines
move with them. A story from before the updates log gets an empty ``updates.yaml``.

A key a first-format figure could not hold, and that format 2 does not know either, cannot be
placed: it is reported, and nothing is written.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.read.upgrades.documents import Document, Documents, Moved, Step, StepResult
from generator.schema.model import Figure

__all__ = ["TO_2"]

FIRST_FIGURE_KEYS = ("id", "value", "unit", "counts", "approximate", "cites")
MOVED = ("value", "approximate", "cites")
REPORT_SUFFIX = "-reported"


def _all_ids(documents: Documents) -> set[str]:
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("id"), str):
                found.add(value["id"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for document in documents.values():
        walk(document.data)
    return found


def _report_id(figure_id: str, taken: set[str]) -> str:
    candidate, number = f"{figure_id}{REPORT_SUFFIX}", 2
    while candidate in taken:
        candidate, number = f"{figure_id}{REPORT_SUFFIX}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _move_comment(source: CommentedMap, key: str, target: CommentedMap, new_key: str) -> None:
    """Keep the end-of-line comment of a moved entry (``value: 130  # as of Tuesday``)."""
    comment = source.ca.items.get(key)
    if comment is not None:
        target.ca.items[new_key] = comment


def _figure(document: Document, number: int, figure: CommentedMap, taken: set[str]) -> StepResult:
    result = StepResult()
    place = ("figures", number)
    known = set(FIRST_FIGURE_KEYS) | set(Figure.model_fields)
    for key in figure:
        if key not in known:
            result.problems.append(
                document.problem(
                    (*place, str(key)),
                    f"'{key}' is not a field of a first-format figure, nor of format 2: "
                    "explainer upgrade cannot place it; move it or remove it, then upgrade again",
                )
            )
    if result.problems:
        return result
    report = CommentedMap()
    report["id"] = _report_id(str(figure.get("id", f"figure-{number}")), taken)
    report_place = (*place, "reports", 0)
    for key in MOVED:
        if key not in figure:
            continue
        value = figure[key]
        if key == "approximate":
            if value is True:
                report["qualifier"] = "about"
            result.translated[("figures", (*place, key))] = (
                "qualifier: about" if value is True else "no qualifier (exact, the default)"
            )
            result.moved.append(Moved("figures", (*place, key), (*report_place, "qualifier")))
        else:
            report[key] = value
            _move_comment(figure, key, report, key)
            result.moved.append(Moved("figures", (*place, key), (*report_place, key)))
    for key in MOVED:
        if key in figure:
            del figure[key]
    reports = CommentedSeq([report])
    figure["reports"] = reports
    return result


def _apply(documents: Documents) -> StepResult:
    result = StepResult()
    figures = documents.get("figures")
    items = (
        figures.data.get("figures")
        if figures is not None and isinstance(figures.data, dict)
        else None
    )
    if figures is not None and isinstance(items, list):
        taken = _all_ids(documents)
        for number, figure in enumerate(items):
            if not isinstance(figure, CommentedMap) or "reports" in figure:
                continue
            if not any(key in figure for key in MOVED):
                continue
            one = _figure(figures, number, figure, taken)
            result.problems += one.problems
            result.moved += one.moved
            result.translated.update(one.translated)
            figures.changed = True
    if "updates" not in documents:
        result.created.append("updates")
    return result


TO_2 = Step(
    2,
    "each figure's one number becomes its first report (value, approximate and cites move "
    "into it; approximate: true becomes qualifier: about); an empty updates.yaml if there is none",
    _apply,
)
