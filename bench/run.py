"""`make bench`: what the generator costs on top of MkDocs, how it scales, how fast a save
reloads, and what a reader downloads. Prints a table with targets; writes the same as JSON.

Not part of `make test`: timings belong in a benchmark, not in assertions. A whole run takes
about 12 minutes on 2 cores; its options run a part of it: ``--scales 100`` one scale,
``--no-builds`` no timed cold builds, ``--servers zensical,zensical-alone`` only those servers'
save-to-served (``--servers ''`` none), e.g. ``--scales 100 --no-builds --servers
zensical,zensical-alone`` for the largest page and explainer serve at k=100.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import signal
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

from generator.engines.mkdocsyml import load_mkdocs_config
from generator.engines.zensical import dump_config, zensical_config
from generator.outputs.sharemeta import page_url
from generator.outputs.theme import THEME_DIR
from generator.pages.asof import AS_OF_PAGES
from generator.pages.render import render_pages
from generator.pages.storyindex import Index
from generator.pipeline import write_pages
from generator.read.loader import load_story
from generator.tools.synthetic import write_scaled_story

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
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    write_scaled_story(load_story(REPO / "site_data"), k, root / "site_data")
    return root


def plain_config(project: Path, docs: Path) -> Path:
    """The project's mkdocs.yml without our plugin, reading Markdown already on disk."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"\n  - explainer:\n(      .*\n)*", "\n", text)
    text = text.replace("docs_dir: content", f"docs_dir: {docs.name}")
    # The theme the plugin stacks under the story's own (generator.outputs.theme), named here.
    theme = f"\n  name: material\n  custom_dir: {THEME_DIR}\n"
    text = text.replace("\n  name: material\n", theme, 1)
    path = project / "mkdocs-plain.yml"
    path.write_text(text, encoding="utf-8")
    return path


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def interleaved(a: Callable[[], object], b: Callable[[], object], pairs: int) -> dict[str, Any]:
    """A B A B ...: each pair's ratio a/b, so both sides see the same machine load."""
    a_times, b_times = [], []
    for _ in range(pairs):
        a_times.append(timed(a))
        b_times.append(timed(b))
    ratios = sorted(x / y for x, y in zip(a_times, b_times, strict=True))
    return {
        "a_s": a_times,
        "b_s": b_times,
        "a_median_s": statistics.median(a_times),
        "b_median_s": statistics.median(b_times),
        "ratio_median": statistics.median(ratios),
        "ratio_min": ratios[0],
        "ratio_max": ratios[-1],
    }


IMPORT_PROBE = """
import json, time
import mkdocs.commands.build, mkdocs.config, mkdocs.plugins, markdown, jinja2, yaml
import material.plugins.search.plugin
start = time.perf_counter()
import pydantic
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, model_validator
pydantic_s = time.perf_counter() - start
import generator.schema.kinds
models_s = time.perf_counter() - start - pydantic_s
import generator.plugin
rest_s = time.perf_counter() - start - pydantic_s - models_s
print(json.dumps({"pydantic_s": pydantic_s, "models_s": models_s, "rest_s": rest_s}))
"""
"""What importing the plugin costs a fresh interpreter that has MkDocs and Material loaded already
(as `mkdocs build` has when it loads the plugin): pydantic itself, the schema's models (pydantic
builds each model's validator as its class is made), and the rest of our modules."""


def import_cost(runs: int = 7) -> dict[str, float]:
    """Median of each part of :data:`IMPORT_PROBE` over ``runs`` fresh interpreters."""
    rows = []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-c", IMPORT_PROBE],
            cwd=REPO,
            env=ENV,
            capture_output=True,
            text=True,
            check=True,
        )
        rows.append(json.loads(result.stdout))
    return {key: statistics.median(row[key] for row in rows) for key in rows[0]}


def largest_pages(site: Path, count: int = 5) -> list[tuple[str, int]]:
    """The ``count`` largest HTML pages of a built site: (site-relative path, bytes)."""
    sizes = [(p.relative_to(site).as_posix(), p.stat().st_size) for p in site.rglob("*.html")]
    return sorted(sizes, key=lambda row: -row[1])[:count]


def edited_page(data_dir: Path) -> str:
    """The docs-relative page that shows the event whose title the save-to-served runs edit
    (the first of events.yaml): the timeline, or in a long story the period that holds it."""
    index = Index(load_story(data_dir))
    event = index.data.events[0]
    return index.parts.page_of(f"event-{event.id}", "timeline.md")


def bench_scale(k: int, pairs: int, scratch: Path, builds: bool = True) -> dict[str, Any]:
    project = make_project(scratch / f"k{k}", k)
    data_dir = project / "site_data"
    data = load_story(data_dir)
    load_s = median_time(lambda: load_story(data_dir), 3)
    render_s = median_time(lambda: render_pages(Index(data)), 3)

    docs = project / "docs_plain"
    write_pages(data_dir, project / "content", docs)
    config = plain_config(project, docs)
    mkdocs = str(BIN / "mkdocs")
    zensical = str(BIN / "zensical")
    # Zensical without our work: the same Markdown, already on disk, and a derived config.
    plain_work = project / "build" / "plain"
    shutil.copytree(docs, plain_work / "docs")
    derived = zensical_config(
        load_mkdocs_config(project / "mkdocs.yml"),
        source_dir=project,
        config_dir=plain_work,
        docs_dir=plain_work / "docs",
        site_dir=plain_work / "site",
    )
    (plain_work / "mkdocs.yml").write_text(dump_config(derived), encoding="utf-8")
    # The floor under explainer serve runs Zensical as it does: without the link checks.
    serve_config = dump_config({**derived, "validation": False})
    (plain_work / "mkdocs-serve.yml").write_text(serve_config, encoding="utf-8")

    def zensical_plain() -> None:
        shutil.rmtree(plain_work / "site", ignore_errors=True)
        shutil.rmtree(plain_work / ".cache", ignore_errors=True)  # cold, like our path's
        run([zensical, "build", "--config-file", str(plain_work / "mkdocs.yml")], project)

    def plugin_build() -> None:
        run([mkdocs, "build", "-q", "--site-dir", "site-plugin"], project)

    row: dict[str, Any] = {
        "k": k,
        "events": len(data.events),
        "pages": len(list(docs.rglob("*.md"))),
        "load_validate_s": load_s,
        "render_s": render_s,
    }
    if builds:
        row["mkdocs_plugin_vs_plain"] = interleaved(
            plugin_build,
            lambda: run(
                [mkdocs, "build", "-q", "-f", str(config), "--site-dir", "site-plain"], project
            ),
            pairs,
        )
        # Our Zensical path, as `make build-zensical` (render, derived config, build, fold
        # search.json), not strict like the others; it empties its work folder, so it runs cold.
        ours = [sys.executable, "-m", "generator.engines.zensical", "--work", "build/zensical"]
        ours += ["--site-dir", "site-zensical", "--zensical", zensical, "--no-strict"]
        row["zensical_ours_vs_plain"] = interleaved(
            lambda: run(ours, project), zensical_plain, pairs
        )
    else:
        plugin_build()  # the site whose pages are weighed
    row["largest_pages"] = largest_pages(project / "site-plugin")
    return row


AS_OF_STORIES = {
    "shipped": REPO / "site_data",
    "three-update fixture": REPO / "tests" / "fixtures" / "three-updates" / "site_data",
}
"""The stories whose as-it-stood pages are counted: the shipped one (published once, after all
it tells: none) and the made-up story with three updates (two earlier days)."""


def page_counts(k: int, scratch: Path) -> dict[str, dict[str, int]]:
    """Per story at scale k: every generated page, the as-it-stood pages among them, and their
    Markdown's bytes (rendering only: no build)."""
    out = {}
    for name, folder in AS_OF_STORIES.items():
        data_dir = scratch / f"pages-{name.split()[0]}-k{k}"
        write_scaled_story(load_story(folder), k, data_dir)
        pages = render_pages(Index(load_story(data_dir)))
        as_of = [page for page in pages if page.path.startswith("as-of/")]
        out[name] = {
            "pages": len(pages),
            "as_of_pages": len(as_of),
            "as_of_bytes": sum(len(page.markdown.encode("utf-8")) for page in as_of),
        }
    return out


def report_page_counts(counts: dict[str, dict[str, dict[str, int]]]) -> None:
    print(
        f"The explainer as it stood: one page per update day after which the story moved, at "
        f"most {AS_OF_PAGES} (not more with k: the synthetic story shares its updates)"
    )
    for k, stories in counts.items():
        said = "; ".join(
            f"{name} {row['as_of_pages']} of {row['pages']} pages"
            + (f" ({row['as_of_bytes'] / 1024:.0f} KB of Markdown)" if row["as_of_pages"] else "")
            for name, row in stories.items()
        )
        print(f"  k={k:>3}: {said}")


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


SERVERS = {
    "mkdocs": lambda port: [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
    "zensical": lambda port: [str(BIN / "explainer"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
    # The floor under `explainer serve`: Zensical alone, serving the Markdown already rendered
    # (bench_scale's build/plain), an event's title edited in the polled page's Markdown itself.
    "zensical-alone": lambda port: [
        *(str(BIN / "zensical"), "serve", "--config-file", "build/plain/mkdocs-serve.yml"),
        *("--dev-addr", f"127.0.0.1:{port}"),
    ],
}

EDITED = {
    "mkdocs": ("site_data/events.yaml", r"^(\s+title: ).*$", '{prefix}"{marker}"'),
    "zensical": ("site_data/events.yaml", r"^(\s+title: ).*$", '{prefix}"{marker}"'),
    "zensical-alone": (
        "build/plain/docs/{page}",
        r'(<p class="fact__title" markdown="span"><strong>)[^<]*',
        "{prefix}{marker}",
    ),
}
"""Per server: the file saved (``{page}``: the page polled), the line edited (group 1 kept) and
what replaces it."""


def save_to_served(engine: str, project: Path, edits: int = 5) -> list[float]:
    """Seconds from each of ``edits`` one-line saves until a real server serves the text.

    The edit is the first event's title in site_data/events.yaml; the page polled is the one
    that shows it (:func:`edited_page`: /timeline/, or in a long story its period's page). For
    Zensical alone, an event's title in that page's rendered Markdown.
    """
    page = edited_page(project / "site_data")
    port = free_port()
    url = f"http://127.0.0.1:{port}/{page_url(page)}"
    server = subprocess.Popen(
        SERVERS[engine](port),
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    times: list[float] = []
    try:
        deadline = time.monotonic() + 300
        while "<html" not in get(url):
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit(f"{engine} serve did not answer within 300 s")
            time.sleep(0.2)
        time.sleep(2.0)  # let the first build's follow-ups finish
        name, pattern, replacement = EDITED[engine]
        edited = project / name.format(page=page)
        original = edited.read_text(encoding="utf-8")
        match = re.search(pattern, original, flags=re.M)
        assert match, f"{name} has no title to edit"
        for n in range(edits):
            marker = f"Benchmark edit {engine} {n} {time.time_ns()}"
            # Let the server settle (a rebuild it still runs would be counted in the next edit).
            time.sleep(max(1.0, 1.5 * times[-1]) if times else 1.0)
            line = replacement.format(prefix=match.group(1), marker=marker)
            start = time.perf_counter()
            edited.write_text(
                original[: match.start()] + line + original[match.end() :], encoding="utf-8"
            )
            while marker not in get(url):
                if time.perf_counter() - start > 120:
                    raise SystemExit(f"{engine}: an edit did not show within 120 s")
                time.sleep(0.02)
            times.append(time.perf_counter() - start)
        edited.write_text(original, encoding="utf-8")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
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


SERVE_TARGETS = {10: 0.5, 100: 1.0}
"""Zensical save-to-served targets (s) by k."""
PAGE_TARGETS = {100: 300}
"""The largest HTML page (KB) by k: a reader's phone lays out every byte of a page."""
OVERHEAD_TARGETS = {1: 0.15, 100: 0.05}
"""Plugin overhead over MkDocs building the same Markdown, by k."""


SERVER_LABELS = {
    "zensical": "explainer serve",
    "zensical-alone": "Zensical alone on the same page (the floor)",
    "mkdocs": "mkdocs serve",
}


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def spread(pair: dict[str, Any]) -> str:
    return (
        f"{pair['ratio_median'] - 1:+6.1%} [{pair['ratio_min'] - 1:+.1%} .. "
        f"{pair['ratio_max'] - 1:+.1%}]"
    )


def report(results: dict[str, Any]) -> None:
    print("Cold builds, interleaved A B A B; overhead = A/B - 1, median [min .. max] of the pairs")
    print(
        f"{'k':>4} {'pages':>6} {'load':>7} {'render':>7} | {'mkdocs+plugin':>13} "
        f"{'mkdocs plain':>12} {'overhead':>26} {'target':>12} {'floor':>6} | "
        f"{'zensical ours':>13} {'plain':>7} {'overhead':>26}"
    )
    imports = results["imports"]
    imported_s = sum(imports.values())
    for row in results["scales"]:
        if "mkdocs_plugin_vs_plain" not in row:  # --no-builds
            print(
                f"{row['k']:>4} {row['pages']:>6} {row['load_validate_s']:>6.3f}s "
                f"{row['render_s']:>6.3f}s | (builds not timed: --no-builds)"
            )
            continue
        m, z = row["mkdocs_plugin_vs_plain"], row["zensical_ours_vs_plain"]
        goal = OVERHEAD_TARGETS.get(row["k"])
        target = f"<= {goal:.0%} {verdict(m['ratio_median'] - 1 <= goal)}" if goal else ""
        floor = (imported_s + row["load_validate_s"] + row["render_s"]) / m["b_median_s"]
        print(
            f"{row['k']:>4} {row['pages']:>6} {row['load_validate_s']:>6.3f}s "
            f"{row['render_s']:>6.3f}s | {m['a_median_s']:>12.2f}s {m['b_median_s']:>11.2f}s "
            f"{spread(m):>26} {target:>12} {floor:>+6.1%} | {z['a_median_s']:>12.2f}s "
            f"{z['b_median_s']:>6.2f}s {spread(z):>26}"
        )
    parts = ", ".join(
        f"{label} {imports[key]:.3f}s"
        for key, label in (("pydantic_s", "pydantic"), ("models_s", "the schema's models"))
    )
    print(
        f"floor: what importing the plugin ({imported_s:.3f}s: {parts}, the rest "
        f"{imports['rest_s']:.3f}s),\n       loading and rendering the story alone add to MkDocs"
        " plain, with no MkDocs hook of ours"
    )
    print("Largest HTML pages (mkdocs build with the plugin)")
    for row in results["scales"]:
        (top, size), *rest = row["largest_pages"]
        goal = PAGE_TARGETS.get(row["k"])
        target = f" (target <= {goal} KB {verdict(size / 1024 <= goal)})" if goal else ""
        others = ", ".join(f"{path} {n / 1024:.0f} KB" for path, n in rest)
        print(f"  k={row['k']:>3}: {top} {size / 1024:.0f} KB{target}; then {others}")
    print(
        "Save-to-served (an event's title saved -> the page that shows it), median of 5 "
        "[min .. max]"
    )
    for k, engines in results["save_to_served"].items():
        for n, engine in enumerate(e for e in SERVER_LABELS if e in engines):
            times = engines[engine]
            median = statistics.median(times)
            goal = SERVE_TARGETS.get(int(k)) if engine == "zensical" else None
            target = f" (target <= {goal} s {verdict(median <= goal)})" if goal else ""
            head = f"  k={k:>3}:" if n == 0 else " " * 8
            print(
                f"{head} {SERVER_LABELS[engine]:<42} {median:5.2f}s "
                f"[{min(times):.2f} .. {max(times):.2f}]{target}"
            )
    first_view = results["first_view"]
    gz_kb = first_view["gzip_bytes"] / 1024
    print(
        f"first view of the home page: {first_view['bytes'] / 1024:.1f} KB, "
        f"{gz_kb:.1f} KB gzip (target <= 100 KB gzip) {verdict(gz_kb <= 100)}"
    )
    report_page_counts(results["page_counts"])
    print(f"bench duration: {results['duration_s']:.0f} s")


PAIRS = {1: 5, 10: 3, 100: 2}
"""Interleaved pairs per scale: k=100 builds take ~20 s each, so fewer of them."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="bench-results/bench.json", help="JSON output")
    parser.add_argument("--scales", default="1,10,100", help="comma-separated k values")
    parser.add_argument(
        "--pages-only",
        action="store_true",
        help="only count the pages (the as-it-stood pages among them) at each k: no build",
    )
    parser.add_argument(
        "--servers",
        default=",".join(SERVERS),
        help=f"comma-separated servers whose save-to-served is timed ({', '.join(SERVERS)}; "
        "none: '')",
    )
    parser.add_argument(
        "--no-builds",
        action="store_true",
        help="no timed cold builds (one plugin build still weighs the pages)",
    )
    args = parser.parse_args()
    scales_k = [int(k) for k in args.scales.split(",")]
    if args.pages_only:
        with tempfile.TemporaryDirectory(prefix="explainer-bench-") as tmp:
            report_page_counts({str(k): page_counts(k, Path(tmp)) for k in scales_k})
        return 0
    servers = [name for name in args.servers.split(",") if name]
    unknown = set(servers) - set(SERVERS)
    if unknown:
        parser.error(f"unknown servers: {', '.join(sorted(unknown))}")
    started = time.perf_counter()
    # The installed packages have their bytecode; our editable package gets it only when Python
    # may write it, and with PYTHONDONTWRITEBYTECODE set every cold build with the plugin compiled
    # all of generator/ from source (about 40 ms), which plain MkDocs never pays. Users have it.
    run([sys.executable, "-m", "compileall", "-q", str(REPO / "generator")], REPO)
    with tempfile.TemporaryDirectory(prefix="explainer-bench-") as tmp:
        scratch = Path(tmp)
        imports = import_cost()
        scales = [
            bench_scale(k, PAIRS.get(k, 3), scratch, builds=not args.no_builds) for k in scales_k
        ]
        first_view = first_view_bytes(scratch / f"k{scales_k[0]}" / "site-plugin")
        counts = {str(k): page_counts(k, scratch) for k in scales_k}
        serve: dict[str, dict[str, list[float]]] = {}
        for k in scales_k:
            serve[str(k)] = {
                engine: save_to_served(engine, scratch / f"k{k}") for engine in servers
            }
    results = {
        "imports": imports,
        "scales": scales,
        "save_to_served": serve,
        "first_view": first_view,
        "page_counts": counts,
        "duration_s": time.perf_counter() - started,
    }
    report(results)
    out = REPO / args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(REPO) if out.is_relative_to(REPO) else out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
