"""The per-relation SHACL shapes (domain and range of every relation), generated from the ontology.

Domains and ranges could be checked by one SPARQL constraint that follows ``rdfs:domain``,
``rdfs:range`` and ``rdfs:subClassOf*``, but pyshacl runs such a constraint once per focus
node: about 2.5 ms per claim, so tens of seconds for ten thousand claims. Core SHACL shapes,
one set per relation, cost a fraction of that. They are written into ``shapes.ttl`` (between
the GENERATED markers) so the file stays complete for other SHACL tools;
``python -m ontology.shapes_gen`` rewrites that section after the ontology changes, and a test
fails when it is stale.

For each relation R with domain D and range G:

- ``ags:R-domain``: every subject of an R triple is a D;
- ``ags:R-range``: every object of an R triple is a G;
- ``ags:R-claim-subject`` / ``ags:R-claim-object``: the subject (object) of every claim about
  R is a D (G), whatever the claim's stance: a denied relation must still make sense. The
  focus node is the relation property itself and the path runs back to its claims and on to
  their subjects (objects): one focus node per relation, not one per claim.
"""

from __future__ import annotations

import sys

from ontology.namespace import SHAPES_FILE
from ontology.vocabulary import KINDS, RelationType, Vocabulary, vocabulary

BEGIN = "# ---- BEGIN GENERATED relation shapes (python -m ontology.shapes_gen) ----"
END = "# ---- END GENERATED relation shapes ----"

# The roles of the generated shapes, by the suffix of their IRI: (field, about a claim?).
SUFFIXES: dict[str, tuple[str, bool]] = {
    "-claim-subject": ("subject", True),
    "-claim-object": ("object", True),
    "-domain": ("subject", False),
    "-range": ("object", False),
}


def _local(relation: RelationType) -> str:
    return str(relation.uri).rsplit("#", 1)[-1]


def _noun(label: str, vocab: Vocabulary) -> str:
    """ "Actor" -> "an actor", "Person" -> "a person"."""
    noun = (
        label.lower()
        if label in KINDS
        else next((c.label for c in vocab.classes.values() if c.graph_label == label), label)
    )
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _relation_shapes(relation: RelationType, vocab: Vocabulary) -> str:
    name = _local(relation)
    domain, range_ = f"ag:{relation.domain}", f"ag:{relation.range}"
    subject_noun, object_noun = _noun(relation.domain, vocab), _noun(relation.range, vocab)
    key = relation.key
    return f"""
ags:{name}-domain a sh:NodeShape ;
    sh:targetSubjectsOf ag:{name} ;
    sh:class {domain} ;
    sh:message "the subject of '{key}' must be {subject_noun}" .
ags:{name}-range a sh:PropertyShape ;
    sh:targetSubjectsOf ag:{name} ;
    sh:path ag:{name} ;
    sh:class {range_} ;
    sh:message "the object of '{key}' must be {object_noun}" .
ags:{name}-claim-subject a sh:PropertyShape ;
    sh:targetNode ag:{name} ;
    sh:path ( [ sh:inversePath ag:relation ] ag:subject ) ;
    sh:class {domain} ;
    sh:message "the subject of a '{key}' claim must be {subject_noun}" .
ags:{name}-claim-object a sh:PropertyShape ;
    sh:targetNode ag:{name} ;
    sh:path ( [ sh:inversePath ag:relation ] ag:object ) ;
    sh:class {range_} ;
    sh:message "the object of a '{key}' claim must be {object_noun}" .
"""


def generated_section(vocab: Vocabulary | None = None) -> str:
    """The generated part of ``shapes.ttl``, markers included."""
    vocab = vocab or vocabulary()
    body = "".join(_relation_shapes(r, vocab) for r in vocab.relations.values())
    return f"{BEGIN}\n# Do not edit by hand: generated from ontology/actorgraph.ttl.\n{body}{END}"


def current_section(text: str) -> str | None:
    """The generated part of a shapes file's text, or ``None`` when it has none."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < 0:
        return None
    return text[start : end + len(END)]


def main() -> int:
    """Rewrite the generated section of ``shapes.ttl`` from the ontology."""
    text = SHAPES_FILE.read_text(encoding="utf-8")
    section = current_section(text)
    fresh = generated_section()
    if section is None:
        text = text.rstrip("\n") + "\n\n" + fresh + "\n"
    else:
        text = text.replace(section, fresh)
    SHAPES_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {len(vocabulary().relations)} relations' shapes to {SHAPES_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
