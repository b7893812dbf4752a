"""The upgrade steps of the data format: one per version, each moving a story's YAML from one
version to the next (:mod:`generator.schema.formats` says what each version changed).

A step works on the files as round-trip YAML documents (:mod:`~generator.read.upgrades.documents`:
comments, key order and quoting kept), changes only what its version changed, and says what it
could not place (``file:line:col``, in the file as it was) and which values it turned into
others (an ``approximate: true`` that becomes ``qualifier: about``), so that ``explainer upgrade``
(:mod:`generator.tools.upgrade`) can show that no fact was lost. Adding a version: a module here
with its :class:`~generator.read.upgrades.documents.Step`, listed in :data:`STEPS`, and a
fixture under ``tests/fixtures/formats/``.
"""

from generator.read.upgrades.documents import Step
from generator.read.upgrades.to_2 import TO_2
from generator.read.upgrades.to_3_contested_numbers import TO_3
from generator.read.upgrades.to_4_claims import TO_4
from generator.read.upgrades.to_5_limits import TO_5
from generator.read.upgrades.to_6_dates import TO_6

__all__ = ["STEPS", "Step"]

STEPS: dict[int, Step] = {step.version - 1: step for step in (TO_2, TO_3, TO_4, TO_5, TO_6)}
"""The step from each earlier version (key) to the next."""
