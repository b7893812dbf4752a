"""From format 3 to format 4: claims, positions and sources as they develop, in any language.

Format 4 only adds: statuses (contradicted, attribution-denied), a position's date, a question's
kind and its "no one has answered", a source's versions, language and publisher basis, an
excerpt's language, version and translation, a quote's translation and the other versions of
its statement (:mod:`generator.schema.formats` lists them for editors). Every format-3 story is
a format-4 story as it stands, with the same meaning: a question without ``kind`` is a policy
question, read as before; a source's ``publisher`` without a basis is the one its copy names, as
formats 2 and 3 required. So the step changes nothing but the version ``explainer upgrade``
writes in ``story.yaml``; it is here so that the steps stay one per version.
"""

from __future__ import annotations

from generator.read.upgrades.documents import Documents, Step, StepResult

__all__ = ["TO_4"]


def _apply(documents: Documents) -> StepResult:
    return StepResult()


TO_4 = Step(
    4,
    "nothing moves: format 4 only adds fields and statuses (see explainer upgrade's notes)",
    _apply,
)
