"""The files derived from the same data besides the pages, and what is done to the built HTML.

Open data (JSON with its schema, CSV), the Atom feed, schema.org JSON-LD, share meta and share
images, accent folding of the search index, and the fixes to Material's and Zensical's HTML and
CSS that their templates do not let us make.

Reads the validated story and its index; the HTML fixes read the engines' output. May import
:mod:`generator.schema`, :mod:`generator.read` and :mod:`generator.pages`.
"""
