"""The versions of the data format: the one place that says which is current and what each changed.

A story's ``site_data/story.yaml`` says the version it is written in (``format: 4``, written by
``explainer new`` and ``explainer upgrade``). A story made before versions existed says none and
is in one of the first two formats, told apart by their shape
(:mod:`generator.read.dataformat`). ``check``, ``build`` and ``serve`` read only the current
version; ``explainer upgrade`` moves a story from any earlier one, one step per version
(:mod:`generator.read.upgrades`).

Every change of the data files' shape is a new :class:`Format` here, with its upgrade step and a
fixture, in the same change: ``tests/test_formats.py`` fails when the JSON Schema's shape (the
schema without its descriptions) is not the one recorded for the current version.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

__all__ = ["CURRENT", "FORMATS", "FORMAT_KEY", "Format", "by_version", "shape_digest"]

FORMAT_KEY = "format"
"""The key of ``site_data/story.yaml`` (beside ``story``) that says the version."""


@dataclass(frozen=True)
class Format:
    """One version of the data format."""

    version: int
    name: str
    """A few words a message can use: "a figure is one value"."""
    changes: tuple[str, ...]
    """What this version changed, for editors (the guide and ``explainer upgrade`` say it)."""
    shape: str = ""
    """:func:`shape_digest` of the data files' JSON Schema at this version (the first, made
    before versions were recorded, has none)."""


FORMATS: tuple[Format, ...] = (
    Format(
        1,
        "a figure is one value",
        (
            "A figure holds one number: value, approximate and cites on the figure itself.",
            "A claim says who makes it (claimed_by) and nothing of how it developed.",
        ),
    ),
    Format(
        2,
        "a figure is a series of reports",
        (
            "A figure is a series of reports, each with its value or range, its qualifier as the "
            "source gives it, when it held (as_of), who gave it and what it cites; the figure "
            "says which report is its headline (headline_rule). explainer upgrade makes each "
            "figure's one value its first report (approximate: true becomes qualifier: about).",
            "Claims have a status history (reported, disputed, denied, confirmed, retracted).",
            "Dates carry their precision (a month, a span, a qualifier, a time with its offset).",
            "Sources may lack a headline or a date, and say who published them and where the "
            "copy was found; updates have a kind 'development'.",
            "story.yaml says the version of its data format (format: 2).",
        ),
        shape="1b1599e7e7e2bdf7fb5c3bfc2415a535daa3193e49c5b47fba494e7ca11459fa",
    ),
    Format(
        3,
        "contested numbers",
        (
            "A figure has a label, a few words for links and lists, apart from counts, its "
            "explanation. explainer upgrade makes each label from the first sentence of counts: "
            "reword it at will.",
            "A report may name several reporters (reported_by is a list: explainer upgrade makes "
            "reported_by: x into reported_by: [x]) and who passed the number on (via, each link "
            "with by and cites).",
            "A report may say what kind of count it is (count_type: confirmed, registered, "
            "recovered, identified, estimate, projection, or other with count_other), the area "
            "it covers (scope), and, for a number the source implies without stating it, how we "
            "worked it out (derived: how, and the reports it comes from).",
            "Qualifiers nearly and almost.",
            "An update may name, in removed, the facts it took out of the story (a fact changed "
            "or removed since the published build must be named by an update).",
        ),
        shape="8cda810c30267136e6a8f9a47af9d4097a6d0db3d885a5c58a812cc732ad76c8",
    ),
    Format(
        4,
        "claims, positions and sources as they develop, in any language",
        (
            "Two more statuses of a claim: contradicted (a later account conflicts with it "
            "without denying it: the step cites that account and says how) and "
            "attribution-denied (whoever it is attributed to denies it came from them, which "
            "is not a denial that it is true). A figure's report under either is set apart, as "
            "a denied one is.",
            "Positions over time: a position may have a date (a day or a month, with its "
            "date_basis); of a player's positions on one question the latest is shown first, "
            "the earlier ones dated below it.",
            "A question is of policy (positions are stances) or of fact (kind: factual: "
            "positions are answers, says yes, says no, unclear); one that no player has "
            "answered can say so (unanswered: as_of, summary, cites).",
            "Sources as they develop: a source's versions (a page that changed under one "
            "address: each with its date, what it showed, its headline and archived copy; an "
            "excerpt names the version it comes from, and explainer verify --all holds it to "
            "that copy); publisher_basis says how the publisher is known (stated, address, or "
            "inferred with a reason); agency copy found at another outlet reads 'AP copy, at "
            "...' and copies from one publisher count once for independence.",
            "Quotes: words of ours inside a quote go in square brackets ('it was 30 [yards] "
            "long'), left out when the quote is checked against its excerpt and shown as ours "
            "('[…]' for words left out); version_of links a quote to another version of the "
            "same statement (another agency's translation).",
            "Languages: story.language (default en); a source's and an excerpt's language (a "
            "BCP 47 tag: ar, pt-BR), marked on the pages with its direction (Arabic right to "
            "left); translation on an excerpt or a quote: ours, shown as ours, never checked "
            "against the source.",
            "A player's name and aliases are not prose: explainer verify does not count them as "
            "copied text; the player's page shows the aliases, and search finds them.",
            "explainer upgrade changes nothing but the version: every field format 4 adds is "
            "optional, and a format-3 story means the same in format 4.",
        ),
        shape="16082f8efd8f36dd1fe0c6bedd9d3b93b2435f191d3963c0160dcd74f4e8031d",
    ),
    Format(
        5,
        "bounded texts and numbers",
        (
            "A title or a name (the story's headline, an event's title, a player's name and "
            "aliases, a question and its short heading, a figure's unit and unit_one, a "
            "source's headline, publisher and found_at, a byline's names) has at most 300 "
            "characters (a version's headline too); a figure's label keeps its 80.",
            "Every other text (a summary, a role, an excerpt, a quote, counts, a report's scope, "
            "count_other and derived.how, a reason ...) has at most 4,000 characters.",
            "A figure's numbers (a report's value, low and high) lie within 10^15 "
            "(1,000,000,000,000,000) of zero.",
            "explainer upgrade changes nothing but the version; it names each value beyond its "
            "limit, at its line and column, to shorten or to give in a larger unit, and writes "
            "nothing until none is left (nothing is cut).",
        ),
        shape="de4fb14bf4065da4051221596103c032f5c5d07759d75d1939b23af2290d6329",
    ),
    Format(
        6,
        "dates and times as sources give them",
        (
            "A time of day may give its zone by name instead of utc_offset (time_zone: "
            "America/New_York: the offset on that day is worked out), or say that the source "
            "gives none (time_zone: local): shown as local time, ordered within its day, never "
            "converted. On events, figure reports and updates.",
            "An event's date may be bounded: date_qualifier on-or-before or on-or-after (the "
            "day itself included, as 'before' and 'after' are not), or between, some day from "
            "date to date_end, both given: 'between 18 and 21 September 2023'.",
            "A source's publication may be known only to the month (published: 2023-09) or "
            "bounded (published_qualifier: on-or-after, on-or-before, between with "
            "published_end): shown as such, and a date derived from it says so (a report "
            "without as_of: 'date not known (published in September 2023)') or cannot be "
            "derived (a weekday or a count of days from a month: said at its line); a "
            "day-month date takes the month's year.",
            "A figure report's as_of may be bounded the same way (as_of_qualifier, and "
            "as_of_end for between): 'as of some day on or before 21 September 2023'.",
            "A report's as_of and a status step's date may say how they were read, as an "
            "event's date does (as_of_basis, date_basis: checked and shown the same way); a "
            "date counted from a publication date the editor inferred says so wherever it "
            "shows ('Thursday, derived from the publication date, which the editor inferred').",
            "A date may be counted from another event (date_basis rule from-event, with event "
            "and days: '72 hours before the flooding' is days: -3): checked against that "
            "event's day, and shown linked to it ('3 days before The river floods').",
            "Sources that differ on an event's date: other_dates keeps each other source's "
            "date with its basis and cites, checked the same way; the timeline says 'Sources "
            "differ on the date', the editor's choice (date) first.",
            "explainer upgrade changes nothing but the version: every field format 6 adds is "
            "optional, and a format-5 story means the same in format 6.",
        ),
        shape="310239637fc55eca43e35ae6631f216f08bf737945fffc3ac6f8961184a3a2a7",
    ),
)
"""Every version, oldest first; the last is the one this generator reads."""

CURRENT = FORMATS[-1].version


def by_version(version: int) -> Format | None:
    return next((f for f in FORMATS if f.version == version), None)


_WORDS = frozenset({"description", "title", "examples", "$comment"})


def _shape(value: Any, names: bool = False) -> Any:
    """The schema without the words (descriptions, titles): what data it accepts. ``names``:
    ``value`` maps names to schemas (``properties``, ``$defs``), so no key of it is dropped."""
    if isinstance(value, dict):
        return {
            k: _shape(v, names=k in ("properties", "$defs", "patternProperties") and not names)
            for k, v in value.items()
            if names or k not in _WORDS
        }
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return value


def shape_digest(schemas: dict[str, dict[str, Any]]) -> str:
    """A digest of the shape of the data files' JSON Schemas (file kind -> schema): it changes
    when the data a story may hold changes, not when a description is reworded."""
    text = json.dumps(_shape(schemas), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
