"""Post-build changes to the built site's stylesheets: ours minified, one rule of Material's
dropped. The sources under ``theme/assets/`` and Material's package are never touched.

:func:`minify_stylesheets`: the files named in ``extra_css`` (``theme/assets/explainer.css``,
``share.css``, ``timeline.css``) are written with comments and one declaration a line; a
reader's browser needs none of it, and Lighthouse reports the difference ("Minify CSS", about
2 KiB after gzip here). Each is rewritten with ``rcssmin`` (a small, widely used CSS minifier:
whitespace and comments only, no rule is reordered or merged); addresses on other hosts and
files that are not CSS are left alone, and running it twice changes nothing the second time.
Our JavaScript (``share.js``, ``fold-highlight.js``, ``timeline-filter.js``,
``since-last-visit.js``) is small and not
rewritten: Lighthouse finds no saving worth reporting.

:func:`drop_colour_switch_rule`: Material's palette stylesheet turns every transition off while
``body[data-md-color-switching]`` is set (``[data-md-color-switching] *, … :after, … :before``).
Its palette script sets and removes that attribute on every page load, not only when the reader
switches colours, and a rule on ``body``'s attribute with ``*`` below it makes the browser
recompute the style of every element of the page, twice, in the script's first tasks after the
first paint: on the data reference page that was the largest share of Lighthouse's Total
Blocking Time (the palette script's own time, 4x CPU slowdown, fell from about 210 ms to 80 ms
without the rule). Without it, switching colours shows Material's own short colour transitions
(0.125-0.25 s) instead of an instant switch.

Nothing here imports mkdocs; the plugin calls both from ``on_post_build``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath

import rcssmin

__all__ = ["COLOUR_SWITCH_RULE", "drop_colour_switch_rule", "minify_stylesheets"]

COLOUR_SWITCH_RULE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,"
    "[data-md-color-switching] :before{transition-duration:0s!important}"
)
"""The rule as Material 9.8 ships it (``assets/stylesheets/palette.*.min.css``)."""


def minify_stylesheets(site_dir: Path, stylesheets: Iterable[str]) -> list[Path]:
    """Minify each built file of ``stylesheets`` (site-relative, as in ``extra_css``) in place;
    return the files rewritten."""
    written: list[Path] = []
    for name in stylesheets:
        relative = PurePosixPath(name.split("?", 1)[0].split("#", 1)[0])
        if "://" in name or name.startswith("//") or relative.suffix != ".css":
            continue
        if relative.is_absolute() or ".." in relative.parts:
            continue
        path = site_dir.joinpath(*relative.parts)
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        small = rcssmin.cssmin(text)
        if small != text:
            path.write_text(small, encoding="utf-8")
            written.append(path)
    return written


def drop_colour_switch_rule(site_dir: Path) -> list[Path]:
    """Remove :data:`COLOUR_SWITCH_RULE` from Material's built stylesheets; return the files
    changed (none if Material no longer ships the rule in this form)."""
    changed: list[Path] = []
    for path in sorted((site_dir / "assets" / "stylesheets").glob("*.css")):
        text = path.read_text(encoding="utf-8")
        if COLOUR_SWITCH_RULE in text:
            path.write_text(text.replace(COLOUR_SWITCH_RULE, ""), encoding="utf-8")
            changed.append(path)
    return changed
