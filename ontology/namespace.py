"""The RDF namespaces of actorgraph: the ontology's terms and the identifiers of its data."""

from __future__ import annotations

from pathlib import Path

from rdflib import Namespace

ONTOLOGY_DIR = Path(__file__).resolve().parent
ONTOLOGY_FILE = ONTOLOGY_DIR / "actorgraph.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"

AG = Namespace("https://w3id.org/actorgraph/ontology#")
"""Classes and properties of the ontology."""

AGD = Namespace("https://w3id.org/actorgraph/id/")
"""Identifiers of curated things: ``AGD[<id>]`` for an actor, event, place, source or claim."""
