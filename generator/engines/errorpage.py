"""The page shown in place of the site while ``mkdocs serve`` runs on data with problems."""

from __future__ import annotations

from collections.abc import Sequence

from generator.pages.escape import escape_text
from generator.read.diagnostics import Diagnostic


def error_page_markdown(diagnostics: Sequence[Diagnostic]) -> str:
    """Every problem as ``file:line:col``, field and message; all text escaped (from YAML)."""
    count = len(diagnostics)
    items = "\n".join(
        "<li><code>{where}</code> <strong>{loc}</strong> {message}</li>".format(
            where=escape_text(f"{d.file}:{d.line}:{d.col}"),
            loc=escape_text(d.loc),
            message=escape_text(d.message),
        )
        for d in diagnostics
    )
    noun = "problem" if count == 1 else "problems"
    return (
        "# The story data has problems\n\n"
        f"The site was not rebuilt from the data: {count} {noun} to fix. "
        "Save the file again once it is fixed; this page reloads by itself.\n\n"
        f'<ol class="data-errors">\n{items}\n</ol>\n'
    )
