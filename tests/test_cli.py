"""The ``explainer`` command: user problems are ``file:line:col`` lines and exit 1, no traceback."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from generator.cli import main


@pytest.fixture
def project(story_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder (the working directory) with a valid site_data/ and a content/ page."""
    root = story_copy.parent
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text("# The bridge\n", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def render(*args: str) -> int:
    return main(["render", "--data-dir", "site_data", "--content-dir", "content", *args])


def test_render_reports_a_content_page_that_is_not_utf8(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content" / "index.md").write_bytes(b"# The bridge\n\nCaf\xe9\n")
    assert render("--out", "out") == 1
    assert capsys.readouterr().err == (
        "content/index.md:3:4: invalid UTF-8 byte 0xe9; save the file as UTF-8\n1 problem found\n"
    )
    assert not (project / "out").exists()


def test_render_reports_content_at_a_generated_path(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content" / "timeline.md").write_text("# Mine\n", encoding="utf-8")
    (project / "content" / "data").mkdir()
    (project / "content" / "data" / "events.csv").write_text("id\n", encoding="utf-8")
    assert render("--out", "out") == 1
    assert capsys.readouterr().err == (
        "content/data/events.csv:1:1: the generator writes this file; rename or move it\n"
        "content/timeline.md:1:1: the generator writes this page; rename or move it\n"
        "2 problems found\n"
    )
    assert not (project / "out").exists()


def test_render_to_an_existing_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "out").write_text("not a folder\n", encoding="utf-8")
    assert render("--out", "out") == 1
    assert capsys.readouterr().err == "out: cannot write: File exists\n"


def test_render_writes_the_pages(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert render("--out", "out") == 0
    assert capsys.readouterr().out.startswith("wrote ")
    assert (project / "out" / "index.md").read_text(encoding="utf-8").startswith("# The bridge\n")
    assert (project / "out" / "timeline.md").is_file()


def test_render_refuses_a_site_url_that_is_not_http(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert render("--out", "out", "--site-url", "ftp://host/") == 1
    assert capsys.readouterr().err == "--site-url ftp://host/: expected an http(s) address\n"
    assert not (project / "out").exists()


# --- explainer check: all that the build checks ------------------------------------------------


def check(*args: str) -> int:
    return main(["check", *args])


def test_check_reports_an_unknown_figure_in_content_at_its_line_and_column(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content" / "index.md").write_text(
        "# The bridge\n\nIt may cost [[figure:bridge-cost]],\nor [[figure:dead-274]].\n",
        encoding="utf-8",
    )
    assert check() == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "content/index.md:4:4: [[figure:dead-274]]: unknown figure 'dead-274'\n1 problem found\n"
    )


def test_check_reports_content_at_a_generated_path(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content" / "feed.xml").write_text("<feed/>\n", encoding="utf-8")
    assert check() == 1
    assert capsys.readouterr().err == (
        "content/feed.xml:1:1: the generator writes this file; rename or move it\n1 problem found\n"
    )


def test_check_reports_two_broken_records_of_one_file_in_one_run(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    quotes = project / "site_data" / "quotes.yaml"
    text = quotes.read_text(encoding="utf-8")
    quotes.write_text(
        text.replace("extent: whole", "extent: all").replace("extent: partial", "extent: bit"),
        encoding="utf-8",
    )
    assert check() == 1
    assert capsys.readouterr().err == (
        "site_data/quotes.yaml:6:5: quotes[0].extent: 'all' is not allowed; expected 'whole' "
        "or 'partial'\n"
        "site_data/quotes.yaml:17:5: quotes[1].extent: 'bit' is not allowed; expected 'whole' "
        "or 'partial'\n"
        "2 problems found\n"
    )


def test_check_looks_beside_the_data_folder_it_is_given(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``explainer check DIR``: content/ and mkdocs.yml are those beside DIR; a warning is
    listed with the problems, and counted."""
    (project / "content" / "index.md").write_text("[[quote:nope]]\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text('site_name: "Replace with a name"\n', encoding="utf-8")
    monkeypatch.chdir(project.parent)
    assert check(f"{project.name}/site_data") == 1
    assert capsys.readouterr().err == (
        f"{project.name}/content/index.md:1:1: [[quote:nope]]: unknown quote 'nope'\n"
        f"{project.name}/mkdocs.yml:1:12: warning: site_name: placeholder still in place: "
        "'Replace with a name'; write the site's name\n"
        "1 problem found, 1 warning\n"
    )
    empty = project / "elsewhere"
    empty.mkdir()
    assert check(f"{project.name}/site_data", "--content-dir", str(empty)) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines()[0] == (
        f"{project.name}/mkdocs.yml:1:12: warning: site_name: placeholder still in place: "
        "'Replace with a name'; write the site's name"
    )
    # the notices that the story names no byline or publisher follow (not counted below)
    assert [line.split(": warning: ")[1][:18] for line in captured.err.splitlines()[1:]] == [
        "story: no authors:",
        "story: no publishe",
    ]
    assert captured.out == (
        f"{project.name}/site_data: ok (1 sources, 3 actors, 2 events, 1 figures, 2 quotes, "
        "1 questions, 2 positions, 2 updates); 1 warning: examples or placeholders to replace, "
        "or a qualifier said twice\n"
    )
    assert check(f"{project.name}/site_data", "--content-dir", str(empty), "--strict") == 1


# --- explainer check-port (make serve) ---------------------------------------------------------


def test_check_port_free_and_taken(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["check-port", str(port)]) == 1
        err = capsys.readouterr().err
        assert err.startswith(
            f"explainer: cannot serve on 127.0.0.1:{port}: Address already in use (another "
            "server?); try make serve PORT="
        )
        assert err.count("\n") == 1
        suggested = int(err.rsplit("=", 1)[1])
        assert suggested > port
    assert main(["check-port", str(port)]) == 0
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("port", ["0", "65536", "http", "-1"])
def test_check_port_refuses_what_is_not_a_port(
    port: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["check-port", port])
    assert caught.value.code == 2
    assert capsys.readouterr().err.endswith(
        f"error: argument port: {port!r} is not a port number (1-65535)\n"
    )
