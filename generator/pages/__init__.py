"""Making pages: the story as Markdown, independent of any site engine.

The table of page kinds (:mod:`~generator.pages.pagekinds`), what each page shows
(:mod:`~generator.pages.pagecontexts`), the long lists in parts (:mod:`~generator.pages.splits`,
the timeline's periods in :mod:`~generator.pages.periods`) and the renderer
(:mod:`~generator.pages.render`), the strict Jinja environment and ``templates/``, the one
escaping function for text from YAML (:mod:`~generator.pages.escape`), how records read as words
(:mod:`~generator.pages.wording`), the story's one index (:mod:`~generator.pages.storyindex`),
the linker behind every link and ``[[kind:id]]`` (:mod:`~generator.pages.linker`,
:mod:`~generator.pages.content`), the hand-written pages' checks and front matter
(:mod:`~generator.pages.contentcheck`, :mod:`~generator.pages.frontmatter`), the figures'
charts and the timeline's strip, "What we know", the data reference, the editors' guide and the
example records as commented YAML.

Reads the validated story (and ``content/`` for the hand-written pages). May import
:mod:`generator.schema` and :mod:`generator.read`.
"""
