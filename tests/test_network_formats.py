"""The network writers on hostile text, and the relation families they carry from the ontology.

Names, quotes and notes are the sources' text: markup, quotes, ampersands and non-Latin script
must come back from every reader exactly as written, and never break the file.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import networkx as nx

from ontology.facts import Claim, Entity, FactSet, SourceDocument
from ontology.vocabulary import vocabulary
from services.export import build_network
from services.export.cytoscape import write_cytoscape
from services.export.gexf import write_gexf
from services.export.graphml import write_graphml
from services.export.tables import write_tables_folder, write_tables_zip

EVIL = "<b>\"Daesh\" & 'ISKP'</b> ]]> داعش خراسان"


def evil_facts() -> FactSet:
    facts = FactSet()
    facts.entities["a"] = Entity("a", "A " + EVIL, "armed_group", aliases=(EVIL,))
    facts.entities["b"] = Entity("b", "B", "armed_group", description=EVIL)
    facts.sources["s"] = SourceDocument("s", "s.txt", EVIL, EVIL, "a", "2022")
    facts.claims["c1"] = Claim(
        "c1", "a", "hostile_to", "b", "s", EVIL, "a", "asserts", None, "2020", "2021", note=EVIL
    )
    facts.claims["c2"] = Claim("c2", "a", "hostile_to", "b", "s", "q", "b", "denies")
    return facts


def test_every_relation_belongs_to_one_family_of_the_ontology() -> None:
    vocab = vocabulary()
    assert {r.family for r in vocab.relations.values()} == set(vocab.families)
    members = [m for f in vocab.families.values() for m in f.members]
    assert sorted(members) == sorted(vocab.relations)  # each relation in exactly one
    assert vocab.families["sanctuary_protection"].members == ("gives_sanctuary_to", "protects")


def test_gexf_and_graphml_keep_hostile_text_exactly(tmp_path: Path) -> None:
    network = build_network(evil_facts())
    gexf, graphml = tmp_path / "g.gexf", tmp_path / "g.graphml"
    gexf.write_bytes(b"".join(write_gexf(network, EVIL)))
    graphml.write_bytes(b"".join(write_graphml(network, EVIL)))
    for graph in (nx.read_gexf(gexf, version="1.3"), nx.read_graphml(graphml)):
        assert graph.nodes["a"]["label"] == "A " + EVIL
        assert graph.nodes["a"]["aliases"] == EVIL
        assert graph.nodes["b"]["description"] == EVIL
        ((_, _, data),) = graph.edges(data=True)
        assert data["status"] == "contested" and data["denied"] == 1
        assert data["periods"] == "2020..2021"


def test_the_tables_and_the_elements_keep_hostile_text_exactly(tmp_path: Path) -> None:
    network = build_network(evil_facts())
    archive = zipfile.ZipFile(io.BytesIO(b"".join(write_tables_zip(network, EVIL))))
    claims = list(csv.DictReader(io.StringIO(archive.read("claims.csv").decode("utf-8"))))
    assert [c["quote"] for c in claims] == [EVIL, "q"] and claims[0]["note"] == EVIL
    written = write_tables_folder(network, tmp_path / "tables")
    assert [p.name for p in written] == [
        "entities.csv",
        "relations.csv",
        "claims.csv",
        "sources.csv",
    ]
    for path in written:
        assert path.read_bytes() == archive.read(path.name)  # the folder and the zip agree
    elements = json.loads(b"".join(write_cytoscape(network, EVIL)))
    assert elements["data"]["name"] == EVIL
    assert elements["elements"]["nodes"][0]["data"]["name"] == "A " + EVIL
