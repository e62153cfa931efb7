"""Where the packaged data lives.

The wheel ships the top-level ``rules/`` directory as ``quotes/rules``; a source
checkout has it beside the package. Resolving it in one place keeps every rule
loader agreeing on which copy is used.
"""
from __future__ import annotations

from pathlib import Path


def default_rules_dir() -> Path:
    """The rules directory: ``quotes/rules`` when installed, else the repo's ``rules/``."""
    here = Path(__file__).resolve().parent
    packaged = here / "rules"
    return packaged if packaged.is_dir() else here.parent / "rules"
