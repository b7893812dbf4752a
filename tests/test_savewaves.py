"""The order in which explainer serve hands a save to Zensical
(generator.engines.devserver.savewaves)."""

from __future__ import annotations

from pathlib import Path

from generator.engines.devserver.savewaves import first_wave, leading_pages
from generator.pages.render import Page

DATA, CONTENT = Path("/p/site_data"), Path("/p/content")
PAGES = [
    Page("timeline.md", "", "site_data/events.yaml", "Timeline"),
    Page("embed/timeline.md", "", "site_data/events.yaml", "Timeline"),
    Page("players/putin.md", "", "site_data/actors.yaml", "Putin"),
]


def test_the_pages_of_a_saved_data_file_lead_but_not_their_embeds() -> None:
    assert leading_pages(["/p/site_data/events.yaml"], DATA, CONTENT, PAGES) == {"timeline.md"}


def test_a_saved_content_page_leads() -> None:
    edited = ["/p/content/index.md", "/p/content/logo.png"]
    assert leading_pages(edited, DATA, CONTENT, PAGES) == {"index.md"}


def test_what_can_wait_keeps_what_the_folder_holds_and_a_new_file_goes_at_once() -> None:
    held = {"timeline.md": b"old", "players/putin.md": b"old", "data/story.json": b"old"}
    files = {
        "timeline.md": b"new",
        "players/putin.md": b"new",
        "data/story.json": b"new",
        "players/lavrov.md": b"new",
    }
    assert first_wave(files, held, {"timeline.md"}) == {
        "timeline.md": b"new",
        "players/putin.md": b"old",
        "data/story.json": b"old",
        "players/lavrov.md": b"new",
    }


def test_every_changed_page_goes_first_when_none_leads_and_nothing_waits_alone() -> None:
    held = {"timeline.md": b"old", "data/story.json": b"old"}
    files = {"timeline.md": b"new", "data/story.json": b"new"}
    assert first_wave(files, held, set()) == {"timeline.md": b"new", "data/story.json": b"old"}
    assert first_wave({"timeline.md": b"new"}, held, {"timeline.md"}) is None
