"""The one place where text from YAML becomes inert Markdown-and-HTML.

Every value an editor typed is *data*: it must read the same on the page as in the YAML file,
whatever characters it holds. :func:`escape_text` is the only escaper for text and
:func:`escape_url` the only one for ``href`` values; the Jinja environment in
``generator.pages.render`` calls them through its ``finalize`` hook, so a template cannot emit a
plain string unescaped even if its author forgets a filter.

The choice: autoescape is off (the output is Markdown, not HTML), and instead

* every ``{{ value }}`` passes through :func:`finalize`: a plain ``str`` is escaped with
  :func:`escape_text`; an ``int`` is written as digits; a :class:`Trusted` string (Markdown that
  *our own* templates and link helpers produced from escaped parts) is emitted as it is; anything
  else (``None``, dates, enums, floats, models, ``markupsafe.Markup`` from ``|safe``) raises
  ``TypeError``, so a template must format such values explicitly;
* there is no way to mark a YAML string trusted from a template (``|safe`` gives ``Markup``,
  which :func:`finalize` treats as a plain string and escapes).

Markup characters become HTML numeric entities: Python-Markdown passes entities through
unchanged (in paragraphs, in raw HTML and in attribute values), and the browser shows the literal
character, so ``&lt;`` typed by an editor shows as ``&lt;``, not ``<``.
"""

from __future__ import annotations

import functools
import re
from typing import Any
from urllib.parse import quote

__all__ = ["Trusted", "escape_text", "escape_url", "finalize", "isolated_text"]


class Trusted(str):
    """Markdown built by our templates and helpers from escaped parts; emitted verbatim.

    Only Python code in ``generator`` creates these. Concatenating a ``Trusted`` with a ``str``
    gives a plain ``str`` (``str.__add__``), which is escaped again: a mistake shows up as visible
    entities on the page, never as live markup.
    """

    __slots__ = ()


# Characters that mean something to Markdown, its extensions (attr_list ``{: }``, tables ``|``,
# admonitions ``!!!``), HTML (tags, entities, attribute quotes), or Jinja (``{{ }}``, ``{% %}``):
# always written as numeric entities, wherever they occur in the text.
_ALWAYS = frozenset("&<>\"'`*_[]{}|#\\!~=")
# Characters that only mean something at the start of a line (lists, hr,
# pymdownx.details ``???``, definition-list ``:``): escaped when the text begins with them, since
# a template may place a field at the start of a line.
_LEADING = frozenset("-+?:")
_LINE_BREAKS = re.compile(r"[\t\n\r\f\v\x85\u2028\u2029]")
# C0/C1 controls (tab and line breaks were replaced above). Python-Markdown uses \x02 and \x03
# for its placeholders, so these must never reach it.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SPACES = re.compile(r" {2,}")
_ORDERED_LIST = re.compile(r"^(\d+)([.)])")


def _entity(char: str) -> str:
    return f"&#{ord(char)};"


_ENTITIES = {ord(char): _entity(char) for char in _ALWAYS}


@functools.lru_cache(maxsize=1 << 16)  # names and titles recur on every page that links them
def escape_text(s: str) -> str:
    """Make ``s`` inert in Markdown and HTML, including inside a double-quoted attribute value.

    Line breaks and tabs become spaces, runs of spaces collapse, leading and trailing spaces go
    (every field is rendered inline); control characters are dropped; markup characters become
    numeric entities (``<`` -> ``&#60;``), as does a leading ``-``, ``+``, ``?``, ``:``
    and the ``.`` or ``)`` of a leading ``1.``.
    """
    if not isinstance(s, str):  # pragma: no cover - guarded by the type checker
        raise TypeError(f"escape_text expects str, got {type(s).__name__}")
    text = _LINE_BREAKS.sub(" ", s)
    text = _CONTROLS.sub("", text)
    text = _SPACES.sub(" ", text).strip(" ")
    if not text:
        return ""
    head = ""
    if text[0] in _LEADING:
        head, text = _entity(text[0]), text[1:]
    elif numbered := _ORDERED_LIST.match(text):
        head, text = numbered.group(1) + _entity(numbered.group(2)), text[numbered.end() :]
    return head + text.translate(_ENTITIES)


# A letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko ... and their
# presentation forms): the bidirectional classes R and AL.
_RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


def isolated_text(s: str) -> str:
    """:func:`escape_text`, in ``<bdi>`` when it holds a right-to-left letter: a name such as
    عبد الرحمن الخطيب followed by ", 20 June 2019" would otherwise take the date's digits into
    its own right-to-left run and read "20 ,عبد الرحمن الخطيب June 2019"."""
    text = escape_text(s)
    return f"<bdi>{text}</bdi>" if _RIGHT_TO_LEFT.search(text) else text


_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
# RFC 3986 reserved and unreserved characters stay; everything else is percent-encoded.
_URL_SAFE = "/:?#[]@!$&'()*+,;=%-._~"


def escape_url(url: str) -> str:
    """An http(s) address made safe for a double-quoted ``href`` in raw HTML.

    Anything but http(s) raises ``ValueError`` (the model already refuses it; this is the second
    lock). Characters outside RFC 3986 are percent-encoded, then ``&``, ``'`` and ``"`` become
    HTML entities. Use only inside ``href="..."`` of a raw ``<a>``, never as text.
    """
    if not _URL.match(url):
        raise ValueError(f"not an http(s) address: {url!r}")
    encoded = quote(url, safe=_URL_SAFE)
    return encoded.replace("&", "&amp;").replace("'", "&#39;").replace('"', "&#34;")


def finalize(value: Any) -> str:
    """Jinja ``finalize`` hook: what every ``{{ expression }}`` in a template becomes."""
    if isinstance(value, Trusted):
        return value
    if isinstance(value, bool):
        raise TypeError(f"template tried to print a bool ({value!r}); format it explicitly")
    if isinstance(value, str):
        return escape_text(value)
    if isinstance(value, int):
        return str(value)
    raise TypeError(
        f"template tried to print a {type(value).__name__} ({value!r}); "
        "format it with a filter that returns str"
    )
