"""The editors' tools: ``explainer verify`` (our text and the excerpts against archived
sources), ``explainer new`` (the scaffold of a new story, ``scaffold/``), the scaffold's
examples and placeholders still in place (warnings of every build), and the synthetic story of
``make bench``.

Read a story's folders and archived sources. May import every earlier stage
(:mod:`generator.schema`, :mod:`generator.read`, :mod:`generator.pages`,
:mod:`generator.outputs`); never :mod:`generator.pipeline` or an engine.
"""
