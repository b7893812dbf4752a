"""``python -m generator.cli``: the ``explainer`` command, run as a module."""

from __future__ import annotations

import sys

from generator.cli import main

sys.exit(main())
