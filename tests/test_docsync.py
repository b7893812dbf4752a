"""The dev server's docs folder: the write marks that tell a page built from its last write."""

from __future__ import annotations

from pathlib import Path

from generator.engines.devserver.docsync import DocsFolder


def test_pages_written_while_marking_end_with_a_mark_of_that_write(tmp_path: Path) -> None:
    docs = DocsFolder(tmp_path / "docs", tmp_path / "incoming")
    docs.sync({"a.md": b"# A\n", "data/x.csv": b"id\n"})
    assert (tmp_path / "docs" / "a.md").read_bytes() == b"# A\n"  # not marking: as rendered
    assert docs.mark("a.md") is None

    docs.marking = True
    docs.sync({"a.md": b"# A2\n", "data/x.csv": b"id\n"})
    first = docs.mark("a.md")
    assert first == b"<!-- explainer serve: write 2 -->"
    assert (tmp_path / "docs" / "a.md").read_bytes() == b"# A2\n\n" + first + b"\n"
    assert (tmp_path / "docs" / "data" / "x.csv").read_bytes() == b"id\n"  # only pages

    docs.rewrite(["a.md"])
    assert docs.mark("a.md") == b"<!-- explainer serve: write 3 -->"
    assert (tmp_path / "docs" / "a.md").read_bytes().startswith(b"# A2\n\n<!-- ")
    # What the folder holds is the page as rendered: the same page again is not written.
    assert docs.sync({"a.md": b"# A2\n", "data/x.csv": b"id\n"}).written == []


def test_a_folder_read_from_disk_holds_the_pages_without_their_marks(tmp_path: Path) -> None:
    docs = DocsFolder(tmp_path / "docs", tmp_path / "incoming")
    docs.marking = True
    docs.sync({"a.md": b"# A\n"})
    again = DocsFolder(tmp_path / "docs", tmp_path / "incoming")  # a restarted server
    assert again.held() == {"a.md": b"# A\n"}
