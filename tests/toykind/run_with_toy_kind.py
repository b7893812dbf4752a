"""`python run_with_toy_kind.py explainer|mkdocs ARGS`: the command, the toy kind registered."""

from __future__ import annotations

import sys

import toy_kind  # noqa: F401  (registers the kind before anything loads a story)

if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "explainer":
        from generator.cli import main

        sys.exit(main(args))
    from mkdocs.__main__ import cli

    cli(args)
