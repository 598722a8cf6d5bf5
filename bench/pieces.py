"""The parts of actorgraph the benchmark drives, looked up when used.

The benchmark measures whichever parts exist; a part that cannot be imported gives its rows as
"not measured" with the reason, instead of stopping the whole run.
"""

from __future__ import annotations

import importlib
from typing import Any


class Missing(Exception):
    """A part of actorgraph the benchmark needs is not there (yet)."""


def piece(module: str, name: str) -> Any:
    """``module.name``, or ``Missing`` saying which one could not be found and why."""
    try:
        found = importlib.import_module(module)
    except ImportError as error:
        raise Missing(f"{module} cannot be imported ({error})") from error
    try:
        return getattr(found, name)
    except AttributeError as error:
        raise Missing(f"{module} has no {name}") from error
