"""The site engines other than the MkDocs plugin (``generator/plugin.py``, the only module
that imports mkdocs): the Zensical build (:mod:`~generator.engines.zensical`, Zensical run as a
subprocess over the rendered Markdown), the problem page shown in place of the site while a dev
server runs on bad data, and ``explainer serve`` (:mod:`generator.engines.devserver`).

Read ``mkdocs.yml`` and the project's folders; write a docs folder and a site. May import every
stage above and :mod:`generator.pipeline`; nothing here imports mkdocs or zensical.
"""
