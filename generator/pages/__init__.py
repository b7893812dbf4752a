"""Making pages: the story as Markdown, independent of any site engine.

The table of page kinds and the renderer (:mod:`~generator.pages.render`), the strict Jinja
environment and ``templates/``, the one escaping function for text from YAML
(:mod:`~generator.pages.escape`), how records read as words (:mod:`~generator.pages.wording`),
the story's index and the linker behind ``[[kind:id]]`` (:mod:`~generator.pages.references`,
:mod:`~generator.pages.content`), the figures' charts and the timeline's strip, "What we know",
the data reference and the editors' guide.

Reads the validated story (and ``content/`` for the hand-written pages). May import
:mod:`generator.schema` and :mod:`generator.read`.
"""
