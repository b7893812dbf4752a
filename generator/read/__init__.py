"""Reading and checking a story's YAML: from ``site_data/*.yaml`` to a validated ``StoryData``.

Regular files of bounded size only (:mod:`~generator.read.datafile`), parsed with a source map
that remembers where each value came from (:mod:`~generator.read.sourcemap`), validated record by
record against the schema (:mod:`~generator.read.recordwise`, :mod:`~generator.read.validation`),
then held to the cross-file rules (:mod:`~generator.read.checks`,
:mod:`~generator.read.developing`); every problem of the run is a located
:class:`~generator.read.diagnostics.Diagnostic` (``file:line:col: field: message``).

Reads ``site_data/``, and walks ``content/`` for the files that may be published
(:mod:`~generator.read.contentfiles`); no file whose real path leaves the project is read.
May import :mod:`generator.schema` only.
"""
