"""The schema: what a story's facts are, declared once.

The record models (every field described: validation, the JSON Schema, the data reference, the
open data and the editors' guide are all made from them), the registry of record kinds
(:mod:`~generator.schema.kinds`: each kind's file, page, anchor, label and references, from which
everything that lists kinds derives), the one walker over type annotations, the JSON Schema
writer, the example record of each kind (``examples/``) and date arithmetic that cannot overflow.

Reads nothing from disk but its own examples. Imports no other stage: every stage below reads it.
"""
