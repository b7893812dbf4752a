"""The editors' guide: how to write a story's facts, with every field of every kind.

Two templates, rendered as plain Markdown (our own text only: no story data reaches them):

- ``templates/guide_text.md``, **written by hand**: the first hour, the id rule, sources and
  quotes, the date rules, a worked update, contested numbers. Extend it there. Its table of what
  each ``[[kind:id]]`` reads as is made by the page linker from the examples
  (:mod:`generator.pages.guiderefs`).
- ``templates/guide_fields.md``, **made from the model**: for each file kind of the registry its
  example record (the same commented YAML a new story gets, :mod:`generator.pages.examples`) and a
  table of every field of every model it holds, from the data reference's walk over the model
  (:func:`generator.pages.datareference.reference_sections`). It cannot fall behind the model.

:func:`guide_markdown` is the whole guide: ``EDITORS.md`` (``explainer guide --out EDITORS.md``;
a test fails when the checked-in copy differs) and, through the page table of
:mod:`generator.pages.render`, the site's ``guide.md``, linked from the data reference page.
"""

from __future__ import annotations

import datetime as dt
import functools
import html

import jinja2

from generator.pages.datareference import reference_sections
from generator.pages.examples import (
    EXAMPLE_PREFIX,
    EXAMPLES_DIR,
    PLACEHOLDER,
    example,
    example_block,
)
from generator.pages.guiderefs import rendered_references
from generator.pages.markdownbounds import PARAGRAPH_MAX
from generator.pages.templating import TEMPLATES_DIR
from generator.schema import kinds
from generator.schema.basemodel import TEXT_MAX, TITLE_MAX
from generator.schema.figuremodel import LABEL_MAX
from generator.schema.formats import CURRENT, FORMATS
from generator.schema.model import SLUG_PATTERN, CountType, DateRule, Qualifier

__all__ = ["EXAMPLE_DAY", "GUIDE_PAGE", "guide_markdown"]

EXAMPLE_DAY = dt.date(2027, 1, 5)
"""The day the guide's examples are dated (a new story's are dated the day it is made)."""

GUIDE_PAGE = "guide.md"
"""The guide's page in the site."""


def _cell(text: str) -> str:
    """Text for a Markdown table cell: one line, a ``|`` that does not end the cell, and
    ``<``, ``>``, ``&`` as entities (a description's ``archive/<id>.txt`` is not an element)."""
    text = html.escape(" ".join(text.split()), quote=False)
    return text.replace("|", "\\|")


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # plain Markdown of our own text; the site page is built from it
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def guide_markdown(*, site: bool = False) -> str:
    """The whole guide, as Markdown (made again only when a template or an example changed).

    ``site``: for the site's page, whose field tables are HTML tables of the data reference's
    class (the same words; EDITORS.md keeps Markdown tables, which read as text too).
    """
    sources = [TEMPLATES_DIR / "guide_text.md", TEMPLATES_DIR / "guide_fields.md"]
    sources += sorted(EXAMPLES_DIR.glob("*.yaml"))
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sources)
    return _guide(stamp, site)


@functools.lru_cache(maxsize=2)
def _guide(_stamp: tuple[tuple[str, int, int], ...], site: bool) -> str:
    env = _environment()
    env.filters["cell"] = _cell
    env.filters["html"] = lambda text: html.escape(" ".join(text.split()), quote=False)
    env.filters["plain"] = html.unescape  # the data reference's types are escaped for its page
    files = []
    for doc in reference_sections():
        found = example(doc.kind, EXAMPLE_DAY)
        lines = example_block(doc.kind, found, described=False) if found else []
        block = [f"{doc.key}:", *lines] if lines else [f"{doc.key}: []"]
        files.append({"doc": doc, "example": "\n".join(block)})
    fields = env.get_template("guide_fields.md").render(files=files, site=site)
    references, capital = rendered_references(EXAMPLE_DAY)
    text = env.get_template("guide_text.md").render(
        fields=fields.strip("\n"),
        site=site,
        references=references,
        capital=capital,
        count_types=[f"`{value.value}`" for value in CountType],
        qualifiers=[f"`{value.value}`" for value in Qualifier],
        id_pattern=SLUG_PATTERN,
        example_prefix=EXAMPLE_PREFIX,
        placeholder=PLACEHOLDER,
        reference_kinds=[kind.name for kind in kinds.KINDS if kind.page],
        date_rules=[rule.value for rule in DateRule],
        title_max=f"{TITLE_MAX:,}",
        label_max=f"{LABEL_MAX:,}",
        text_max=f"{TEXT_MAX:,}",
        paragraph_max=f"{PARAGRAPH_MAX:,}",
        current_format=CURRENT,
        formats=FORMATS,
    )
    return text.strip("\n") + "\n"
