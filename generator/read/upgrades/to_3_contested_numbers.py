"""From format 2 to format 3: a figure's short label, and a report's reporters as a list.

Format 3 tells a figure's label (its link text, a few words) from its explanation (``counts``),
and lets a report name several reporters, a relay (``via``), the kind of count, its scope, a
derived number and the qualifiers nearly and almost. Of those, two change data a format-2 story
already holds:

- each figure gets ``label``, made from the first sentence of its ``counts`` (without the full
  stop; a sentence longer than a label may be is cut at its first colon, semicolon, dash or
  comma, else at a word, with an ellipsis). ``counts`` stays as it was: nothing is lost, and the
  editor may reword the label;
- a report's one ``reported_by: x`` becomes the list ``reported_by: [x]``.

The other fields are new and optional: the step writes none of them. A figure whose ``counts``
is not a text cannot be given a label: that is reported at its place, and nothing is written.
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.read.upgrades.documents import Document, Documents, Moved, Step, StepResult
from generator.schema.figuremodel import LABEL_MAX

__all__ = ["TO_3", "label_from"]

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"'(‘])")
_CLAUSE_MARKS = (":", ";", " – ", " — ", ",")


def label_from(counts: str) -> str:
    """A figure's label from its explanation: its first sentence, short enough for a link.

    'People not accounted for. The count can fall...' -> 'People not accounted for'.
    """
    text = " ".join(counts.split())
    first = _SENTENCE_END.split(text, maxsplit=1)[0].rstrip(".").rstrip()
    if len(first) <= LABEL_MAX:
        return first
    for mark in _CLAUSE_MARKS:
        cut = first.find(mark)
        if 0 < cut <= LABEL_MAX and len(first[:cut].split()) >= 2:
            return first[:cut].rstrip()
    cut = first[: LABEL_MAX - 1]
    if first[len(cut)] != " ":  # the cut is inside a word: back to the word's start
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(",;:–— ") + "…"


def _label(document: Document, number: int, figure: CommentedMap, result: StepResult) -> bool:
    """Give one figure its label; False if it cannot have one (a problem is reported)."""
    if "label" in figure:
        return False
    counts = figure.get("counts")
    if not isinstance(counts, str) or not counts.strip():
        place = ("figures", number, "counts") if "counts" in figure else ("figures", number)
        result.problems.append(
            document.problem(
                place,
                "format 3 gives each figure a label, made from its counts, and this figure has "
                "no counts text to make it from: add label: (a few words naming the number) "
                "and counts, then upgrade again",
            )
        )
        return False
    keys = list(figure)
    at = keys.index("id") + 1 if "id" in keys else 0
    figure.insert(at, "label", label_from(counts))
    return True


def _eol_comment(mapping: CommentedMap, key: str) -> tuple[str, int] | None:
    """The end-of-line comment after ``key``'s value, and its column, if it has one."""
    tokens = mapping.ca.items.get(key)
    token = tokens[2] if tokens and len(tokens) > 2 else None
    text = token.value.strip() if token is not None else ""
    if token is None or not text.startswith("#") or "\n" in text:
        return None  # none, or comment lines below it too: left where ruamel.yaml puts them
    del mapping.ca.items[key]
    return text, token.column


def _reporters(number: int, figure: CommentedMap, result: StepResult) -> bool:
    """Each report's one reported_by as a list of one; True if any changed."""
    reports = figure.get("reports")
    if not isinstance(reports, list):
        return False
    changed = False
    for index, report in enumerate(reports):
        if not isinstance(report, CommentedMap):
            continue
        one: Any = report.get("reported_by")
        if not isinstance(one, str):
            continue  # absent, already a list, or not an id: validation says what is wrong
        listed = CommentedSeq([one])
        listed.fa.set_flow_style()
        comment = _eol_comment(report, "reported_by")
        report["reported_by"] = listed
        if comment is not None:  # where it was, two columns on: past the brackets
            text, column = comment
            report.yaml_add_eol_comment(text, "reported_by", column=column + 2)
        place = ("figures", number, "reports", index, "reported_by")
        result.moved.append(Moved("figures", place, (*place, 0)))
        changed = True
    return changed


def _apply(documents: Documents) -> StepResult:
    result = StepResult()
    figures = documents.get("figures")
    items = figures.data.get("figures") if figures and isinstance(figures.data, dict) else None
    if figures is None or not isinstance(items, list):
        return result
    for number, figure in enumerate(items):
        if not isinstance(figure, CommentedMap):
            continue
        labelled = _label(figures, number, figure, result)
        listed = _reporters(number, figure, result)
        figures.changed = figures.changed or labelled or listed
    return result


TO_3 = Step(
    3,
    "each figure gets a label made from the first sentence of its counts (counts stays, to "
    "reword the label at will); a report's reported_by becomes a list of one",
    _apply,
)
