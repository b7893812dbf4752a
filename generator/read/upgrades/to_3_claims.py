"""From format 2 to format 3: claims, positions and sources as they develop, in any language.

Format 3 only adds: statuses (contradicted, attribution-denied), a position's date, a question's
kind and its "no one has answered", a source's versions, language and publisher basis, an
excerpt's language, version and translation, a quote's translation and the other versions of
its statement (:mod:`generator.schema.formats` lists them for editors). Every format-2 story is
a format-3 story as it stands, with the same meaning: a question without ``kind`` is a policy
question, read as before; a source's ``publisher`` without a basis is the one its copy names, as
format 2 required. So the step changes nothing but the version ``explainer upgrade`` writes in
``story.yaml``; it is here so that the steps stay one per version, and so that the lead can
renumber it with a rename.
"""

from __future__ import annotations

from generator.read.upgrades.documents import Documents, Step, StepResult

__all__ = ["TO_3"]


def _apply(documents: Documents) -> StepResult:
    return StepResult()


TO_3 = Step(
    3,
    "nothing moves: format 3 only adds fields and statuses (see explainer upgrade's notes)",
    _apply,
)
