"""The ``explainer`` command: check, diff, schema, verify, upgrade, render, serve, new, guide,
check-port.

User problems are printed as ``file:line:col: field: message`` lines and exit 1; never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.cli.datacheck import cmd_check, cmd_diff
from generator.read.diagnostics import DataError

# Each command imports what it needs inside its function, on purpose: a lazy import here saves
# start-up time (``explainer check-port`` runs before every ``make serve`` and needs neither
# pydantic nor Jinja; ``explainer verify`` needs no page code).


def _cmd_schema(args: argparse.Namespace) -> int:
    from generator.schema.jsonschema import write_schemas

    try:
        written = write_schemas(Path(args.out))
    except OSError as error:
        print(f"{args.out}: cannot write: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    from generator.tools.verify import verify_all, verify_source

    if args.all:
        if args.source_id or args.archive:
            print("explainer verify --all takes no SOURCE_ID or ARCHIVE", file=sys.stderr)
            return 2
        print(verify_all(Path(args.data_dir), Path(args.content_dir), Path(args.root)))
        return 0
    if not (args.source_id and args.archive):
        print("explainer verify: give SOURCE_ID and ARCHIVE, or --all", file=sys.stderr)
        return 2
    summary = verify_source(
        args.source_id,
        Path(args.archive),
        Path(args.data_dir),
        Path(args.content_dir),
        Path(args.root),
    )
    print(summary)
    return 0


def _cmd_upgrade(args: argparse.Namespace) -> int:
    """Move the story's data to the current version of the format (see tools/upgrade.py)."""
    from generator.schema.formats import CURRENT
    from generator.tools.upgrade import upgrade

    data_dir = Path(args.data_dir)
    result = upgrade(data_dir, check=args.check)
    print(f"{args.data_dir}: data format {result.found}, {result.how}", file=sys.stderr)
    if result.problems:
        for line in sorted(result.problems):
            print(line, file=sys.stderr)
        count = len(result.problems)
        print(f"{count} problem{'s' if count != 1 else ''}: nothing written", file=sys.stderr)
        return 1
    for note in result.notes:
        print(note, file=sys.stderr)
    for path in result.kept:
        print(
            f"{path}: kept: it differs from every version of the generator's theme, so it is "
            "your own override of it (the generator now supplies its theme itself)",
            file=sys.stderr,
        )
    if result.nothing_to_do:
        print(f"{args.data_dir}: nothing to change (format {CURRENT})")
        return 0
    moved = (
        f"from format {result.found} to {CURRENT}"
        if result.found != CURRENT
        else f"to state its format ({CURRENT}) in story.yaml"
    )
    if args.check:
        sys.stdout.write(result.diff())
        for path in result.removed:
            print(f"would remove {path} (a copy of the generator's theme)")
        print(f"{args.data_dir}: would move {moved}; run without --check to do it", file=sys.stderr)
        return 1
    for path in result.changed:
        print(f"wrote {path}")
    for path in result.removed:
        print(f"removed {path} (a copy of the generator's theme)")
    print(f"{args.data_dir}: moved {moved}; next: explainer check")
    return 0


def _cmd_render(args: argparse.Namespace) -> int:
    from generator.pages.render import is_site_url
    from generator.pipeline import write_pages

    if args.site_url is not None and not is_site_url(args.site_url):
        print(f"--site-url {args.site_url}: expected an http(s) address", file=sys.stderr)
        return 1
    try:
        written = write_pages(
            Path(args.data_dir), Path(args.content_dir), Path(args.out), site_url=args.site_url
        )
    except OSError as error:  # e.g. --out names a file, or a folder we may not write to
        where = error.filename or args.out
        print(f"{where}: cannot write: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} files to {args.out}")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from generator.engines.devserver.server import DevServer
    from generator.engines.zensical import default_zensical

    server = DevServer(
        Path(args.config),
        Path(args.work),
        zensical=args.zensical or default_zensical(),
        dev_addr=args.dev_addr,
        check_links=args.check_links,
    )
    return server.serve_forever()


def _cmd_new(args: argparse.Namespace) -> int:
    from generator.tools.newproject import ScaffoldError, scaffold

    target = Path(args.dir)
    try:
        written = scaffold(target, title=args.title, generator=args.generator)
    except ScaffoldError as error:
        print(f"explainer new: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"explainer new: {target}: cannot write: {error}", file=sys.stderr)
        return 1
    print(
        f"created {target} ({len(written)} files); next: cd {target} && make serve, then "
        "replace the examples (make check lists them; EDITORS.md says how)"
    )
    return 0


def _cmd_guide(args: argparse.Namespace) -> int:
    from generator.pages.guide import guide_markdown

    text = guide_markdown()
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        Path(args.out).write_text(text, encoding="utf-8", newline="\n")
    except OSError as error:
        print(f"{args.out}: cannot write: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}")
    return 0


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1-65535)")
    return int(text)


def _cmd_check_port(args: argparse.Namespace) -> int:
    """Whether ``mkdocs serve`` can listen on the port: one line and exit 1 if not."""
    import socket

    def free(port: int) -> OSError | None:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            # As MkDocs' server does: a port another server left a moment ago counts as free.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind((args.host, port))
            except OSError as error:
                return error
        return None

    error = free(args.port)
    if error is None:
        return 0
    others = (p for p in range(args.port + 1, min(args.port + 20, 65535)) if free(p) is None)
    other = next(others, None)
    hint = f"; try make serve PORT={other}" if other else ""
    reason = error.strerror or str(error)
    print(
        f"explainer: cannot serve on {args.host}:{args.port}: {reason} (another server?){hint}",
        file=sys.stderr,
    )
    return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="explainer", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser(
        "check", help="check all that the build checks and report every problem (no build)"
    )
    check.add_argument("data_dir", nargs="?", default="site_data", help="data folder")
    check.add_argument(
        "--content-dir", default=None, help="narrative folder (default: content/ beside the data)"
    )
    check.add_argument(
        "--config", default=None, help="MkDocs config (default: mkdocs.yml beside the data)"
    )
    check.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 on warnings too (examples, placeholders), as mkdocs build --strict fails",
    )
    check.add_argument(
        "--published",
        default=None,
        help="the published build's data/story.json (a path or an http(s) address) to compare "
        "the data with (default: the plugin's published in mkdocs.yml, else "
        "site/data/story.json; '' compares with nothing)",
    )
    check.set_defaults(func=cmd_check)

    diff = sub.add_parser(
        "diff",
        help="every fact added, changed or removed from OLD to NEW, and those no update names",
    )
    diff.add_argument("old", help="data folder, published site folder or its data/story.json")
    diff.add_argument("new", help="data folder, published site folder or its data/story.json")
    diff.set_defaults(func=cmd_diff)

    schema = sub.add_parser("schema", help="write the JSON Schema of each data file kind")
    schema.add_argument("--out", default="schema", help="folder for the *.schema.json files")
    schema.set_defaults(func=_cmd_schema)

    verify = sub.add_parser(
        "verify", help="hold one source's excerpts and our own text to an archived copy"
    )
    verify.add_argument("source_id", nargs="?", help="id of the source in sources.yaml")
    verify.add_argument("archive", nargs="?", help="archived plain-text copy of the source")
    verify.add_argument(
        "--all",
        action="store_true",
        help="every source, each against its archive (default archive/<id>.txt)",
    )
    verify.add_argument("--root", default=".", help="folder that archive paths are relative to")
    verify.add_argument("--data-dir", default="site_data", help="data folder")
    verify.add_argument("--content-dir", default="content", help="narrative folder")
    verify.set_defaults(func=_cmd_verify)

    upgrade = sub.add_parser(
        "upgrade", help="move the story's data to the current version of the data format"
    )
    upgrade.add_argument("data_dir", nargs="?", default="site_data", help="data folder")
    upgrade.add_argument(
        "--check",
        action="store_true",
        help="write nothing: show what would change (a diff) and exit 1 if anything would",
    )
    upgrade.set_defaults(func=_cmd_upgrade)

    render = sub.add_parser("render", help="write every generated page to a folder")
    render.add_argument("--out", required=True, help="output folder (e.g. a docs folder)")
    render.add_argument("--data-dir", default="site_data", help="data folder")
    render.add_argument("--content-dir", default="content", help="narrative folder")
    render.add_argument(
        "--site-url", default=None, help="the site's http(s) address: absolute feed and embed links"
    )
    render.set_defaults(func=_cmd_render)

    serve = sub.add_parser(
        "serve", help="live preview with Zensical: re-renders on every save of the data"
    )
    serve.add_argument("--config", default="mkdocs.yml", help="the MkDocs config to follow")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="IP:PORT to serve on")
    serve.add_argument("--work", default="build/serve", help="folder for the rendered pages")
    serve.add_argument("--zensical", default=None, help="zensical executable")
    serve.add_argument(
        "--check-links",
        action="store_true",
        help="have Zensical check every link and anchor after each save (slower on a large story;"
        " make build checks them in any case)",
    )
    serve.set_defaults(func=_cmd_serve)

    new = sub.add_parser("new", help="scaffold a new story project in an empty folder")
    new.add_argument("dir", help="folder for the project (must be new or empty)")
    new.add_argument("--title", default=None, help="the site's name (mkdocs.yml site_name)")
    new.add_argument(
        "--generator",
        default=None,
        help="pip requirement that installs the generator, written into requirements.txt "
        "(default: this checkout, as explainer[mkdocs] @ file:///...)",
    )
    new.set_defaults(func=_cmd_new)

    guide = sub.add_parser(
        "guide", help="write the editors' guide (every field of every kind, from the model)"
    )
    guide.add_argument("--out", default=None, help="file to write (default: print it)")
    guide.set_defaults(func=_cmd_guide)

    port = sub.add_parser("check-port", help="exit 1 with one line if a port is taken")
    port.add_argument("port", type=_port, help="the port make serve will use")
    port.add_argument("--host", default="127.0.0.1", help="the address to listen on")
    port.set_defaults(func=_cmd_check_port)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    return code
