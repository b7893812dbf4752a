"""Newsroom explainer generator: YAML facts -> validated model -> Markdown pages.

Nothing here imports mkdocs; only ``generator.plugin`` does.
"""

from generator.read.diagnostics import DataError, Diagnostic

__all__ = ["DataError", "Diagnostic", "__version__"]
__version__ = "0.1.0"
