"""`make bench`: what the generator costs on top of MkDocs, how it scales, how fast a save
reloads, and what a reader downloads. Prints a table with targets; writes the same as JSON.

Not part of `make test`: timings belong in a benchmark, not in assertions.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from generator.loader import load_story
from generator.pipeline import write_pages
from generator.references import Index
from generator.render import render_pages
from generator.synthetic import write_scaled_story

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

SCALES = (1, 10, 100)


def median_time(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(cmd: list[str], cwd: Path) -> None:
    result = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{result.stdout}\n{result.stderr}")


def make_project(root: Path, k: int) -> Path:
    """A copy of the project whose site_data/ is the shipped story at scale k."""
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "theme", root / "theme")
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    write_scaled_story(load_story(REPO / "site_data"), k, root / "site_data")
    return root


def plain_config(project: Path, docs: Path) -> Path:
    """The project's mkdocs.yml without our plugin, reading Markdown already on disk."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"\n  - explainer:\n(      .*\n)*", "\n", text)
    text = text.replace("docs_dir: content", f"docs_dir: {docs.name}")
    path = project / "mkdocs-plain.yml"
    path.write_text(text, encoding="utf-8")
    return path


def bench_scale(k: int, runs: int, scratch: Path) -> dict[str, Any]:
    project = make_project(scratch / f"k{k}", k)
    data_dir = project / "site_data"
    data = load_story(data_dir)
    load_s = median_time(lambda: load_story(data_dir), runs)
    render_s = median_time(lambda: render_pages(Index(data)), runs)

    docs = project / "docs_plain"
    write_pages(data_dir, project / "content", docs)
    config = plain_config(project, docs)
    mkdocs = str(BIN / "mkdocs")
    with_plugin = median_time(
        lambda: run([mkdocs, "build", "-q", "--site-dir", "site-plugin"], project), runs
    )
    without_plugin = median_time(
        lambda: run(
            [mkdocs, "build", "-q", "-f", str(config), "--site-dir", "site-plain"], project
        ),
        runs,
    )
    # Zensical: the same path as `make build-zensical` (render to disk, derived config, build,
    # fold search.json), not strict, like the MkDocs builds above.
    zensical = median_time(
        lambda: run(
            [
                sys.executable,
                "-m",
                "generator.zensical",
                "--work",
                "build/zensical",
                "--site-dir",
                "site-zensical",
                "--zensical",
                str(BIN / "zensical"),
                "--no-strict",
            ],
            project,
        ),
        runs,
    )
    return {
        "k": k,
        "events": len(data.events),
        "quotes": len(data.quotes),
        "load_validate_s": load_s,
        "render_s": render_s,
        "mkdocs_build_with_plugin_s": with_plugin,
        "mkdocs_build_plain_markdown_s": without_plugin,
        "plugin_overhead_ratio": with_plugin / without_plugin - 1,
        "zensical_render_build_s": zensical,
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return ""


def bench_save_to_served(scratch: Path, edits: int = 5) -> list[float]:
    """Median of `edits` YAML saves until the new text is served by a real `mkdocs serve`."""
    project = scratch / "serve"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copytree(REPO / "theme", project / "theme")
    shutil.copytree(REPO / "site_data", project / "site_data")
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    port = free_port()
    url = f"http://127.0.0.1:{port}/timeline/"
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    times = []
    try:
        deadline = time.monotonic() + 120
        while "<html" not in get(url):
            if time.monotonic() > deadline:
                raise SystemExit("mkdocs serve did not answer within 120 s")
            time.sleep(0.2)
        events = project / "site_data" / "events.yaml"
        original = events.read_text(encoding="utf-8")
        match = re.search(r"^(\s+title: ).*$", original, flags=re.M)
        assert match, "events.yaml has no title to edit"
        for n in range(edits):
            marker = f"Benchmark edit {n} {time.time_ns()}"
            time.sleep(1.0)  # let the watcher settle between saves
            start = time.perf_counter()
            events.write_text(
                original[: match.start()] + f'{match.group(1)}"{marker}"' + original[match.end() :],
                encoding="utf-8",
            )
            while marker not in get(url):
                if time.perf_counter() - start > 60:
                    raise SystemExit("an edit did not show within 60 s")
                time.sleep(0.02)
            times.append(time.perf_counter() - start)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=15)
    return times


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "link" and attr.get("rel") == "stylesheet" and attr.get("href"):
            self.urls.append(str(attr["href"]))
        if tag == "script" and attr.get("src"):
            self.urls.append(str(attr["src"]))


def first_view_bytes(site: Path) -> dict[str, Any]:
    """HTML + CSS + JS + fonts that the home page loads on a first view."""
    index = site / "index.html"
    parser = _Assets()
    parser.feed(index.read_text(encoding="utf-8"))
    files = [index]
    for url in parser.urls:
        path = (site / url.split("?")[0].split("#")[0]).resolve()
        if path.is_file():
            files.append(path)
    for css in [f for f in files if f.suffix == ".css"]:
        for font in re.findall(r"url\(['\"]?([^'\")]+\.woff2?)", css.read_text(encoding="utf-8")):
            font_path = (css.parent / font).resolve()
            if font_path.is_file():
                files.append(font_path)
    raw = sum(f.stat().st_size for f in files)
    packed = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)
    return {
        "files": [str(f.relative_to(site.resolve())) for f in files],
        "bytes": raw,
        "gzip_bytes": packed,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="runs per timing (median)")
    parser.add_argument("--out", default="bench-results/bench.json", help="JSON output")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="explainer-bench-") as tmp:
        scratch = Path(tmp)
        scales = [bench_scale(k, args.runs, scratch) for k in SCALES]
        first_view = first_view_bytes(scratch / "k1" / "site-plugin")
        saves = bench_save_to_served(scratch)

    by_k = {row["k"]: row for row in scales}
    scaling = (by_k[100]["load_validate_s"] + by_k[100]["render_s"]) / (
        by_k[10]["load_validate_s"] + by_k[10]["render_s"]
    )
    save_median = statistics.median(saves)
    results = {
        "scales": scales,
        "validate_render_k100_over_k10": scaling,
        "save_to_served_s": saves,
        "save_to_served_median_s": save_median,
        "first_view": first_view,
    }

    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    print(
        f"{'k':>4} {'events':>7} {'load+validate':>14} {'render':>9} "
        f"{'build+plugin':>13} {'build plain':>12} {'zensical':>9} {'overhead':>9}  target <= 5%"
    )
    for row in scales:
        target = verdict(row["plugin_overhead_ratio"] <= 0.05) if row["k"] in (1, 100) else ""
        print(
            f"{row['k']:>4} {row['events']:>7} {row['load_validate_s']:>13.3f}s "
            f"{row['render_s']:>8.3f}s {row['mkdocs_build_with_plugin_s']:>12.3f}s "
            f"{row['mkdocs_build_plain_markdown_s']:>11.3f}s "
            f"{row['zensical_render_build_s']:>8.3f}s "
            f"{row['plugin_overhead_ratio']:>8.1%}  {target}"
        )
    print(f"validate+render k=100 / k=10: {scaling:.1f}x (target <= 12x) {verdict(scaling <= 12)}")
    print(
        f"save-to-served, median of {len(saves)}: {save_median:.2f}s (target <= 1.0 s) "
        f"{verdict(save_median <= 1.0)}  [{', '.join(f'{t:.2f}' for t in saves)}]"
    )
    gz_kb = first_view["gzip_bytes"] / 1024
    print(
        f"first view of the home page: {first_view['bytes'] / 1024:.1f} KB, "
        f"{gz_kb:.1f} KB gzip (target <= 100 KB gzip) {verdict(gz_kb <= 100)}"
    )
    out = REPO / args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
