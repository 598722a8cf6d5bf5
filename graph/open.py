"""Opening the graph store the settings name: the backend registry's adapter, imported on use."""

from __future__ import annotations

import importlib

from actorgraph.backends import get_backend
from actorgraph.settings import Settings
from graph.store import GraphStore


def open_store(settings: Settings) -> GraphStore:
    """The store of ``settings.backend`` (``actorgraph/backends.py``), opened from ``settings``."""
    module_name, class_name = get_backend(settings.backend).adapter.split(":")
    adapter = getattr(importlib.import_module(module_name), class_name)
    if not (isinstance(adapter, type) and issubclass(adapter, GraphStore)):
        raise TypeError(f"{module_name}:{class_name} is not a GraphStore")
    store: GraphStore = adapter.from_settings(settings)
    return store
