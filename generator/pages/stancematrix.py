"""The stance matrix: a row per player, a column per answered question, each cell the player's
latest position on it with the earlier ones below it, dated.

A question no one has answered (no position, or one that says so with ``unanswered``) is not a
column of "No stated position" down the table: it is named under the table, with the day up to
which it was unanswered. Of a player's positions on one question the latest is the one shown
first (:func:`in_time`). A long story shows, in its place, how many hold each stance
(:data:`STANCE_COLUMNS`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.pages.wording import ANSWER_WORDS, CONTESTED_WORDS, STANCE_WORDS
from generator.schema.datemodel import start
from generator.schema.kinds import StoryData
from generator.schema.model import Actor, Position, Question, QuestionKind, Stance

__all__ = ["STANCE_COLUMNS", "Cell", "StanceMatrix", "in_time", "stance_columns", "stance_matrix"]


@dataclass(frozen=True)
class Cell:
    """One player's positions on one question."""

    latest: Position
    earlier: tuple[Position, ...]
    """The earlier ones, newest first."""


@dataclass(frozen=True)
class StanceMatrix:
    columns: list[Question]
    """The questions someone answered, in file order."""
    rows: list[tuple[Actor, list[Cell | None]]]
    """Each player with a position, in file order, with one cell per column."""
    unanswered: list[Question]
    """The questions no one answered, named under the table."""


def in_time(positions: Sequence[Position]) -> list[Position]:
    """Oldest first: by date when each has one (a month counts from its first day; the file's
    order within a day), else in the order of the file, which is then the editor's order."""
    dates = [position.date for position in positions]
    if any(date is None for date in dates):
        return list(positions)
    order = sorted(range(len(positions)), key=lambda n: start(dates[n] or ""))
    return [positions[n] for n in order]


def stance_matrix(data: StoryData, positions_by: Mapping[str, list[Position]]) -> StanceMatrix:
    """The matrix of ``data``; ``positions_by``: each player's positions, in file order."""
    answered = {position.question for position in data.positions}
    columns = [q for q in data.questions if q.id in answered]
    rows: list[tuple[Actor, list[Cell | None]]] = []
    for actor in data.actors:
        mine = positions_by.get(actor.id, [])
        if not mine:
            continue
        cells: list[Cell | None] = []
        for question in columns:
            timed = in_time([p for p in mine if p.question == question.id])
            cells.append(Cell(timed[-1], tuple(reversed(timed[:-1]))) if timed else None)
        rows.append((actor, cells))
    unanswered = [q for q in data.questions if q.id not in answered]
    return StanceMatrix(columns, rows, unanswered)


STANCE_COLUMNS = (*STANCE_WORDS.items(), ("contested", CONTESTED_WORDS))
"""The columns of a long story's table of stances (class, heading): each stance, then the
positions whose claim is disputed, denied or retracted (counted apart: such a claim never counts
as a stance)."""


def stance_columns(questions: list[Question]) -> tuple[tuple[str, str], ...]:
    """:data:`STANCE_COLUMNS` headed for the questions in the table: a question of fact's
    positions are answers ("Says yes"; none is conditional, so a table of such questions has no
    such column), a question of policy's stances ("Supports"); a table of both says both
    ("Supports or says yes")."""
    kinds = {question.kind for question in questions}
    if QuestionKind.FACTUAL not in kinds:
        return STANCE_COLUMNS
    if kinds == {QuestionKind.FACTUAL}:
        return tuple(
            (column, ANSWER_WORDS.get(column, words))
            for column, words in STANCE_COLUMNS
            if column != Stance.CONDITIONAL.value
        )

    def both(column: str, words: str) -> str:
        answer = ANSWER_WORDS.get(column, words)
        return words if answer == words else f"{words} or {answer[0].lower()}{answer[1:]}"

    return tuple((column, both(column, words)) for column, words in STANCE_COLUMNS)
