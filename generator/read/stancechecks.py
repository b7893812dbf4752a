"""The rules of questions and positions, run with the other cross-file checks.

- a factual question's positions are answers: says yes (supports), says no (opposes) or
  unclear; "conditional" is for a question of policy;
- a question that says no one has answered it (``unanswered``) has no position answering it.

(A position's date is held to its basis with the other dates: :mod:`generator.read.checks`.)
"""

from __future__ import annotations

from collections.abc import Callable

from generator.read.diagnostics import Diagnostic
from generator.read.sourcemap import Path
from generator.schema.model import Position, Question, QuestionKind, Stance

__all__ = ["check_stances"]


def check_stances(
    questions: list[Question],
    positions: list[Position],
    at_question: Callable[[Path, str], Diagnostic],
    at_position: Callable[[Path, str], Diagnostic],
) -> list[Diagnostic]:
    """Every problem of the rules above; ``at_question`` and ``at_position`` locate a path of
    questions.yaml and of positions.yaml."""
    out: list[Diagnostic] = []
    by_id = {question.id: question for question in questions}
    answering: dict[str, list[str]] = {}
    for number, position in enumerate(positions):
        question = by_id.get(position.question)
        if question is None:
            continue  # an unknown question: reported with the references
        answering.setdefault(question.id, []).append(position.id)
        if question.kind is QuestionKind.FACTUAL and position.stance is Stance.CONDITIONAL:
            out.append(
                at_position(
                    ("positions", number, "stance"),
                    f"'{question.id}' is a factual question: its answers are supports (says "
                    "yes), opposes (says no) or unclear; conditional is for a question of policy",
                )
            )
    for number, question in enumerate(questions):
        ids = answering.get(question.id, [])
        if question.unanswered is not None and ids:
            named = ", ".join(f"'{i}'" for i in ids)
            out.append(
                at_question(
                    ("questions", number, "unanswered"),
                    f"says no one has answered it, but {named} "
                    f"answer{'s' if len(ids) == 1 else ''} it: remove one or the other",
                )
            )
    return out
