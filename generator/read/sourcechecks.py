"""The rules of sources, run with the other cross-file checks.

- a publisher's basis comes with a publisher; rule ``address`` reads it from the source's
  ``url``; rule ``inferred`` says how (``reason``), and only it does;
- a source's versions go oldest first and none is before the source's publication;
- an excerpt that names a version names one of its own source's;
- an excerpt's translation is of a passage in another language than the story's.

(That a version named exists at all is checked with every other reference.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from generator.read.diagnostics import Diagnostic
from generator.read.sourcemap import Path
from generator.schema.datemodel import DateQualifier, bounds
from generator.schema.languages import same_language
from generator.schema.model import PublisherRule, Source

__all__ = ["check_sources"]


def check_sources(
    sources: list[Source], at: Callable[[Path, str], Diagnostic], story_language: str | None
) -> list[Diagnostic]:
    """Every problem of the rules above in ``sources`` (sources.yaml's records); ``at`` locates
    a path of sources.yaml; ``story_language``: the story's (None: story.yaml did not
    validate, and translations are not looked at)."""
    out: list[Diagnostic] = []
    owner = {version.id: source.id for source in sources for version in source.versions}
    for number, source in enumerate(sources):
        path: Path = ("sources", number)
        out += _publisher(source, path, at)
        out += _publication(source, path, at)
        out += _versions(source, path, at)
        own = [version.id for version in source.versions]
        for index, excerpt in enumerate(source.excerpts):
            if excerpt.translation is not None and story_language is not None:
                language = excerpt.language or source.language or story_language
                if same_language(language, story_language):
                    out.append(
                        at(
                            (*path, "excerpts", index, "translation"),
                            f"a translation is for a passage in another language than the "
                            f"story's ({story_language}); give the passage's language "
                            "(language: ar) or remove the translation",
                        )
                    )
            version = excerpt.version
            if version is None or version in own or version not in owner:
                continue  # its own, none, or unknown (reported with the references)
            theirs = f"its versions: {', '.join(own)}" if own else "it has no versions"
            out.append(
                at(
                    (*path, "excerpts", index, "version"),
                    f"'{version}' is a version of '{owner[version]}', not of this excerpt's "
                    f"source '{source.id}' ({theirs})",
                )
            )
    return out


def _publication(
    source: Source, path: Path, at: Callable[[Path, str], Diagnostic]
) -> list[Diagnostic]:
    """published_qualifier and published_end: each needs what it bounds."""
    qualifier, end = source.published_qualifier, source.published_end
    if source.published is None:
        named = [
            name
            for name, given in (
                ("published_qualifier", qualifier is not DateQualifier.EXACT),
                ("published_end", end is not None),
            )
            if given
        ]
        return [at((*path, name), f"{name} needs published") for name in named]
    if qualifier is DateQualifier.BETWEEN:
        if end is None or not isinstance(source.published, dt.date) or end <= source.published:
            return [
                at(
                    (*path, "published_qualifier"),
                    "between needs both ends: published, the first day it may have been (a "
                    "day), and published_end, the last, a later day",
                )
            ]
    elif end is not None:
        return [
            at((*path, "published_end"), "published_end is only for published_qualifier between")
        ]
    return []


def _publisher(
    source: Source, path: Path, at: Callable[[Path, str], Diagnostic]
) -> list[Diagnostic]:
    basis = source.publisher_basis
    if basis is None:
        return []
    where: Path = (*path, "publisher_basis")
    if source.publisher is None:
        return [at(where, "publisher_basis is given but publisher is not")]
    if basis.rule is PublisherRule.ADDRESS and source.url is None:
        return [at(where, "rule address reads the publisher from the source's url: add 'url'")]
    if basis.rule is PublisherRule.INFERRED and basis.reason is None:
        return [at(where, "rule inferred needs 'reason': how the publisher was worked out")]
    if basis.rule is not PublisherRule.INFERRED and basis.reason is not None:
        return [at((*where, "reason"), "reason is only for rule inferred")]
    return []


def _versions(
    source: Source, path: Path, at: Callable[[Path, str], Diagnostic]
) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for number, version in enumerate(source.versions):
        where: Path = (*path, "versions", number, "date")
        day = version.date.isoformat()
        earliest = bounds(source.published, source.published_qualifier, source.published_end)[0]
        if earliest is not None and version.date < earliest:
            out.append(at(where, f"{day} is before the publication of '{source.id}' on {earliest}"))
        elif number and version.date < source.versions[number - 1].date:
            before = source.versions[number - 1].date.isoformat()
            out.append(
                at(
                    where,
                    f"{day} is before the version above it ({before}): versions go oldest first",
                )
            )
    return out
