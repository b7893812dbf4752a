"""The rules of quotes, run with the other cross-file checks.

- a quote occurs verbatim in at least one excerpt it cites (:func:`generator.read.verbatim.
  quoted_in`: curly quotes read as straight ones, runs of whitespace as one space; words of ours
  in square brackets left out, ``[…]`` for words left out);
- an insertion of ours opened with ``[`` is closed with ``]``;
- a quote that is another version of a statement (``version_of``: another source's wording, two
  agencies' translations) names another quote, by the same speaker;
- a quote's translation is of a quote in another language than the story's (the language of the
  excerpt it is found in).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from generator.read.diagnostics import Diagnostic
from generator.read.sourcemap import Path
from generator.read.verbatim import INSERTION, quoted_in
from generator.schema.languages import same_language
from generator.schema.model import Quote

__all__ = ["check_quotes", "quote_language"]

_UNCLOSED = re.compile(r"\[[^\]]*(\[|$)")


def check_quotes(
    quotes: Sequence[Quote],
    excerpts: Mapping[str, str] | None,
    at: Callable[[Path, str], Diagnostic],
    languages: Mapping[str, str] | None = None,
    story_language: str = "en",
) -> list[Diagnostic]:
    """Every problem of the rules above; ``excerpts``: each excerpt's text by id (None when the
    sources did not validate: the verbatim rule is left for then); ``at`` locates a path of
    quotes.yaml; ``languages``: each excerpt's language (None: translations are not looked
    at)."""
    out: list[Diagnostic] = []
    speakers = {quote.id: quote.speaker for quote in quotes}
    for index, quote in enumerate(quotes):
        path: Path = ("quotes", index)
        if _UNCLOSED.search(quote.text):
            message = "a '[' opens an insertion of ours that no ']' closes"
            out.append(at((*path, "text"), message))
        elif excerpts is not None:
            cited = [(cite, excerpts[cite]) for cite in quote.cites if cite in excerpts]
            if cited and not any(quoted_in(quote.text, text) for _, text in cited):
                ids = ", ".join(cite for cite, _ in cited)
                left = (
                    " (with its insertions in square brackets left out)"
                    if INSERTION.search(quote.text)
                    else ""
                )
                message = (
                    f"the quote does not occur verbatim in the excerpts it cites ({ids}){left}"
                )
                out.append(at((*path, "text"), message))
        if quote.translation is not None and languages is not None and excerpts is not None:
            language = quote_language(quote, excerpts, languages)
            if language is not None and same_language(language, story_language):
                out.append(
                    at(
                        (*path, "translation"),
                        f"a translation is for a quote in another language than the story's "
                        f"({story_language}), and its excerpt is in {language}",
                    )
                )
        other = quote.version_of
        if other == quote.id:
            out.append(at((*path, "version_of"), "a quote is not another version of itself"))
        elif other in speakers and speakers[other] != quote.speaker:
            out.append(
                at(
                    (*path, "version_of"),
                    f"'{other}' is a quote by '{speakers[other]}'; the versions of one statement "
                    f"have one speaker (this quote's: '{quote.speaker}')",
                )
            )
    return out


def quote_language(
    quote: Quote, excerpts: Mapping[str, str], languages: Mapping[str, str]
) -> str | None:
    """The language of a quote: that of the first excerpt it cites that holds it (else of the
    first it cites); None if it cites none that exists."""
    cited = [cite for cite in quote.cites if cite in excerpts and cite in languages]
    holding = next((c for c in cited if quoted_in(quote.text, excerpts[c])), None)
    chosen = holding or next(iter(cited), None)
    return None if chosen is None else languages[chosen]
