"""The ``explainer`` command: check, schema, verify, render, new.

User problems are printed as ``file:line:col: field: message`` lines and exit 1; never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.diagnostics import DataError


def _cmd_check(args: argparse.Namespace) -> int:
    from generator.jsonld import missing_credits
    from generator.loader import load
    from generator.model import FILE_MODELS

    try:
        result = load(Path(args.data_dir))
    except OSError as error:  # the loader reports unreadable files; this is the last resort
        print(f"{args.data_dir}: cannot read: {error}", file=sys.stderr)
        return 1
    data = result.data
    if data is None:
        raise DataError(result.diagnostics)
    # Warnings: the data is valid, but a reader-facing output is poorer for what it leaves out.
    for message in missing_credits(data):
        print(result.files["story"].at(("story",), f"warning: {message}"), file=sys.stderr)
    counts = ", ".join(
        f"{len(getattr(data, kind))} {kind}" for kind in FILE_MODELS if kind != "story"
    )
    print(f"{args.data_dir}: ok ({counts})")
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from generator.schema import write_schemas

    try:
        written = write_schemas(Path(args.out))
    except OSError as error:
        print(f"{args.out}: cannot write: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    from generator.verify import verify_source

    summary = verify_source(
        args.source_id, Path(args.archive), Path(args.data_dir), Path(args.content_dir)
    )
    print(summary)
    return 0


def _cmd_render(args: argparse.Namespace) -> int:
    from generator.render import is_site_url, write_pages

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


def _cmd_new(args: argparse.Namespace) -> int:
    from generator.newproject import ScaffoldError, scaffold

    target = Path(args.dir)
    try:
        written = scaffold(target)
    except ScaffoldError as error:
        print(f"explainer new: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"explainer new: {target}: cannot write: {error}", file=sys.stderr)
        return 1
    print(f"created {target} ({len(written)} files); next: cd {target} && make test")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="explainer", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate site_data/ and report every problem")
    check.add_argument("data_dir", nargs="?", default="site_data", help="data folder")
    check.set_defaults(func=_cmd_check)

    schema = sub.add_parser("schema", help="write the JSON Schema of each data file kind")
    schema.add_argument("--out", default="schema", help="folder for the *.schema.json files")
    schema.set_defaults(func=_cmd_schema)

    verify = sub.add_parser(
        "verify", help="hold one source's excerpts and our own text to an archived copy"
    )
    verify.add_argument("source_id", help="id of the source in sources.yaml")
    verify.add_argument("archive", help="archived plain-text copy of the source")
    verify.add_argument("--data-dir", default="site_data", help="data folder")
    verify.add_argument("--content-dir", default="content", help="narrative folder")
    verify.set_defaults(func=_cmd_verify)

    render = sub.add_parser("render", help="write every generated page to a folder")
    render.add_argument("--out", required=True, help="output folder (e.g. a docs folder)")
    render.add_argument("--data-dir", default="site_data", help="data folder")
    render.add_argument("--content-dir", default="content", help="narrative folder")
    render.add_argument(
        "--site-url", default=None, help="the site's http(s) address: absolute feed and embed links"
    )
    render.set_defaults(func=_cmd_render)

    new = sub.add_parser("new", help="scaffold a new story project in an empty folder")
    new.add_argument("dir", help="folder for the project (must be new or empty)")
    new.set_defaults(func=_cmd_new)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
