"""escape_text: each class of hostile string -> its exact escaped form; escape_url; finalize."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.pages.escape import Trusted, escape_text, escape_url, finalize, isolated_text


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("<script>alert(1)</script>", "&#60;script&#62;alert(1)&#60;/script&#62;"),
        (
            '<img src=x onerror="alert(1)">',
            "&#60;img src&#61;x onerror&#61;&#34;alert(1)&#34;&#62;",
        ),
        ("[x](javascript:alert(1))", "&#91;x&#93;(javascript:alert(1))"),
        ("{: onclick=alert(1) }", "&#123;: onclick&#61;alert(1) &#125;"),
        ("{#id .class}", "&#123;&#35;id .class&#125;"),
        ("{{ 7*7 }}", "&#123;&#123; 7&#42;7 &#125;&#125;"),
        ("{% if x %}", "&#123;% if x %&#125;"),
        ('--8<-- "/etc/passwd"', "&#45;-8&#60;-- &#34;/etc/passwd&#34;"),
        ("# Heading", "&#35; Heading"),
        ("> quote", "&#62; quote"),
        ("- item", "&#45; item"),
        ("+ item", "&#43; item"),
        ("1. item", "1&#46; item"),
        ("12) item", "12&#41; item"),
        ("!!! note", "&#33;&#33;&#33; note"),
        ("??? note", "&#63;?? note"),
        (": term", "&#58; term"),
        ("`code`", "&#96;code&#96;"),
        ("*em* _em_ __strong__", "&#42;em&#42; &#95;em&#95; &#95;&#95;strong&#95;&#95;"),
        ("a | b", "a &#124; b"),
        ("&lt;b&gt;", "&#38;lt;b&#38;gt;"),
        ('it\'s "quoted"', "it&#39;s &#34;quoted&#34;"),
        ("back\\slash", "back&#92;slash"),
        ("~~strike~~", "&#126;&#126;strike&#126;&#126;"),
        ("C#", "C&#35;"),
        ("line one\nline two\r\n\tthree", "line one line two three"),
        ("    indented", "indented"),
        ("a\x02wzxhzdk:0\x03b\x00", "awzxhzdk:0b"),
        ("François – “Élysée” 1,200 (about)", "François – “Élysée” 1,200 (about)"),
        ("text-with-hyphens 3.5", "text-with-hyphens 3.5"),
        ("", ""),
    ],
)
def test_escape_text(raw: str, escaped: str) -> None:
    assert escape_text(raw) == escaped


def test_escape_url() -> None:
    assert escape_url("https://example.com/a?b=1&c=2") == "https://example.com/a?b=1&amp;c=2"


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "//example.com", 'https://x/"><script>']
)
def test_escape_url_refuses_other_schemes(url: str) -> None:
    with pytest.raises(ValueError, match="not an http"):
        escape_url(url)


def test_escape_url_encodes() -> None:
    assert escape_url("https://example.com/é") == "https://example.com/%C3%A9"
    assert escape_url("https://example.com/a_(b)") == "https://example.com/a_(b)"
    assert escape_url("https://example.com/{x}|`y`") == "https://example.com/%7Bx%7D%7C%60y%60"


def test_finalize() -> None:
    assert finalize("<b>") == "&#60;b&#62;"
    assert finalize(Trusted("<b>")) == "<b>"
    assert finalize(3) == "3"
    for value in (None, True, 2.5, dt.date(2024, 1, 1)):
        with pytest.raises(TypeError, match="template tried to print"):
            finalize(value)


def test_a_right_to_left_link_text_is_isolated() -> None:
    """A right-to-left name before ", 20 June 2019" would take the date's digits into its run
    ("Denied by 20 ,عبد الرحمن الخطيب June 2019"): link texts with such letters are isolated."""
    assert isolated_text("عبد الرحمن الخطيب") == "<bdi>عبد الرحمن الخطيب</bdi>"
    assert isolated_text("דנה לוי <b>") == "<bdi>דנה לוי &#60;b&#62;</bdi>"
    assert isolated_text("Maria Fernanda de los Ángeles Villanueva-Ortiz") == (
        "Maria Fernanda de los Ángeles Villanueva-Ortiz"
    )
