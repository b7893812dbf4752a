"""``explainer serve``: Zensical's dev server over the rendered story, with our own watcher.

:mod:`~generator.engines.devserver.server` runs the session (render, run ``zensical serve``,
re-render on every save), :mod:`~generator.engines.devserver.project` says what to watch,
:mod:`~generator.engines.devserver.docsync` keeps the docs folder equal to the story with the
fewest writes, and :mod:`~generator.engines.devserver.savewaves` orders a save's files.

May import everything but the CLI and the MkDocs plugin.
"""
