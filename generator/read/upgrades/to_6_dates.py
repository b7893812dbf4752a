"""From format 5 to format 6: dates and times as sources give them.

Format 6 only adds: a time's zone
by its name or as local time (``time_zone``); the qualifiers on-or-before, on-or-after and
between; a publication known to the month or bounded (``published_qualifier``,
``published_end``); a report's ``as_of_qualifier``, ``as_of_end`` and ``as_of_basis``; a status
step's ``date_basis``; the rule from-event (``event``); an event's ``other_dates``
(:mod:`generator.schema.formats` lists the changes for editors). Every format-5 story is a
format-6 story as it stands, with the same meaning: a time with its ``utc_offset``, a
publication on one day, a date without a basis read as stated, all read as before. So the step
changes nothing but the version ``explainer upgrade`` writes in ``story.yaml``; it is here so
that the steps stay one per version.
"""

from __future__ import annotations

from generator.read.upgrades.documents import Documents, Step, StepResult

__all__ = ["TO_6"]


def _apply(documents: Documents) -> StepResult:
    return StepResult()


TO_6 = Step(
    6,
    "nothing moves: format 6 only adds fields (see explainer upgrade's notes)",
    _apply,
)
