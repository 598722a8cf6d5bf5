"""The curated facts as RDF, and back: one mapping shared by the validator, exporter and loader.

Mapping (``AGD[id]`` names every curated thing):

- an actor, event or place: ``rdf:type`` its concrete class, ``rdfs:label`` its name,
  ``skos:altLabel`` each alias, ``dcterms:description``, ``ag:date`` / ``ag:endDate``;
- a source: ``ag:Source``, ``prov:Entity``, ``dcterms:title``, ``dcterms:publisher``,
  ``dcterms:creator`` (the author actor), ``dcterms:issued``, ``ag:file``, ``rdfs:seeAlso`` (url);
- a claim: ``ag:Claim``, ``rdf:Statement`` with ``rdf:subject/predicate/object`` (RDF
  reification, for generic tools) and ``ag:subject/relation/object`` (the ontology's terms),
  ``prov:wasDerivedFrom`` + ``ag:source``, ``prov:wasAttributedTo`` + ``ag:claimant``,
  ``ag:stance``, ``ag:quote``, ``ag:statedOn``, ``ag:validFrom``, ``ag:validUntil``,
  ``rdfs:comment`` (the note), ``ag:hedge``, ``ag:statement``, ``ag:dateBasis``, and for who
  spoke and who relayed ``ag:voicedBy`` / ``ag:via`` with their PROV-O form: a
  ``prov:qualifiedAttribution`` (``prov:agent``, ``prov:hadRole`` ``ag:Spokesperson`` or
  ``ag:Relay``; the attribution's IRI is the claim's plus ``.voice`` or ``.relay``), and the
  spokesperson ``prov:actedOnBehalfOf`` the claimant (``evidence_triples``);
- a regime actor's period: ``ag:validFrom`` / ``ag:validUntil``; ``ag:dateBasis`` on events
  and sources whose dates are not in the text;
- a plain triple ``subject relation object`` for every edge with at least one asserting claim,
  so simple SPARQL needs no reification.

Dates are typed by their precision: ``xsd:gYear`` ("2022"), ``xsd:gYearMonth`` ("2022-05"),
``xsd:date`` ("2022-05-07"). Triples are built as one list and added in bulk: the exporter and
the benchmarks push 100k claims through here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS
from rdflib.term import Node

from ontology.dates import rdf_datatype
from ontology.facts import Claim, Entity, FactSet, Origin, SourceDocument, edge_key
from ontology.namespace import AG, AGD
from ontology.vocabulary import vocabulary

RDF_ORIGIN = Origin(file="<rdf>", line=0)
"""The origin of records read back from RDF (they have no file and line)."""

STANCE_URIS = {"asserts": AG.asserts, "denies": AG.denies, "questions": AG.questions}
"""The stance individuals of the ontology, by fact key."""

Triple = tuple[Node, Node, Node]


def date_literal(text: str) -> Literal:
    """An ISO date typed by its precision; text that is no such date stays a plain string."""
    datatype = rdf_datatype(text)
    return Literal(text) if datatype is None else Literal(text, datatype=datatype)


def _entity_triples(entity: Entity, class_uris: dict[str, URIRef]) -> Iterable[Triple]:
    node = AGD[entity.id]
    cls = class_uris.get(entity.class_key)
    if cls is not None:  # an unknown class is the validator's to report, not ours to invent
        yield node, RDF.type, cls
    if entity.name:
        yield node, RDFS.label, Literal(entity.name)
    for alias in entity.aliases:
        yield node, SKOS.altLabel, Literal(alias)
    if entity.description:
        yield node, DCTERMS.description, Literal(entity.description)
    if entity.date:
        yield node, AG.date, date_literal(entity.date)
    if entity.end_date:
        yield node, AG.endDate, date_literal(entity.end_date)
    yield from dating_triples(node, entity)


def _source_triples(source: SourceDocument) -> Iterable[Triple]:
    node = AGD[source.id]
    yield node, RDF.type, AG.Source
    yield node, RDF.type, PROV.Entity
    yield node, AG.file, Literal(source.file)
    yield node, DCTERMS.title, Literal(source.title)
    yield node, DCTERMS.publisher, Literal(source.publisher)
    if source.author:
        yield node, DCTERMS.creator, AGD[source.author]
    if source.published:
        yield node, DCTERMS.issued, date_literal(source.published)
    if source.url:
        yield node, RDFS.seeAlso, URIRef(source.url)
    yield from dating_triples(node, source)


def _claim_triples(claim: Claim, relation: URIRef) -> Iterable[Triple]:
    node = AGD[claim.id]
    subject, obj = AGD[claim.subject], AGD[claim.object]
    yield node, RDF.type, AG.Claim
    yield node, RDF.type, RDF.Statement
    yield node, RDF.subject, subject
    yield node, RDF.predicate, relation
    yield node, RDF.object, obj
    yield node, AG.subject, subject
    yield node, AG.relation, relation
    yield node, AG.object, obj
    if claim.source:
        source = AGD[claim.source]
        yield node, AG.source, source
        yield node, PROV.wasDerivedFrom, source
    if claim.claimant:
        claimant = AGD[claim.claimant]
        yield node, AG.claimant, claimant
        yield node, PROV.wasAttributedTo, claimant
    stance = STANCE_URIS.get(claim.stance)
    if stance is not None:
        yield node, AG.stance, stance
    yield node, AG.quote, Literal(claim.quote)
    if claim.stated_on:
        yield node, AG.statedOn, date_literal(claim.stated_on)
    if claim.valid_from:
        yield node, AG.validFrom, date_literal(claim.valid_from)
    if claim.valid_until:
        yield node, AG.validUntil, date_literal(claim.valid_until)
    if claim.note:
        yield node, RDFS.comment, Literal(claim.note)
    yield from evidence_triples(claim)


def dating_triples(node: URIRef, record: Entity | SourceDocument) -> Iterable[Triple]:
    """A regime's period and where a record's dates come from (shared with the bulk export)."""
    if isinstance(record, Entity):
        if record.valid_from:
            yield node, AG.validFrom, date_literal(record.valid_from)
        if record.valid_until:
            yield node, AG.validUntil, date_literal(record.valid_until)
    if record.date_basis:
        yield node, AG.dateBasis, Literal(record.date_basis)


def evidence_triples(claim: Claim) -> Iterable[Triple]:
    """A claim's modality and its speakers, PROV-O included (shared with the bulk export)."""
    node = AGD[claim.id]
    if claim.hedge:
        yield node, AG.hedge, AG[claim.hedge]
    if claim.statement:
        yield node, AG.statement, Literal(claim.statement)
    if claim.date_basis:
        yield node, AG.dateBasis, Literal(claim.date_basis)
    for agent_id, link, suffix, role in (
        (claim.voiced_by, AG.voicedBy, "voice", AG.Spokesperson),
        (claim.via, AG.via, "relay", AG.Relay),
    ):
        if not agent_id:
            continue
        agent, attribution = AGD[agent_id], AGD[f"{claim.id}.{suffix}"]
        yield node, link, agent
        yield node, PROV.qualifiedAttribution, attribution
        yield attribution, RDF.type, PROV.Attribution
        yield attribution, PROV.agent, agent
        yield attribution, PROV.hadRole, role
        if role == AG.Spokesperson and claim.claimant:
            yield agent, PROV.actedOnBehalfOf, AGD[claim.claimant]


def relation_uri(key: str) -> URIRef:
    """The property of a relation key (``AG[key]`` for a key the ontology does not know)."""
    relation = vocabulary().relations.get(key)
    return relation.uri if relation is not None else AG[key]


def bind_prefixes(graph: Graph) -> Graph:
    """Give ``graph`` the short prefixes serialisations should use."""
    for prefix, namespace in (
        ("ag", AG),
        ("agd", AGD),
        ("prov", PROV),
        ("dcterms", DCTERMS),
        ("skos", SKOS),
    ):
        graph.bind(prefix, namespace)
    return graph


def facts_to_rdf(facts: FactSet) -> Graph:
    """The facts as an RDF graph (without the ontology: add it when a consumer needs both)."""
    vocab = vocabulary()
    class_uris = {key: cls.uri for key, cls in vocab.classes.items()}
    relation_uris = {key: rel.uri for key, rel in vocab.relations.items()}
    triples: list[Triple] = []
    for source in facts.sources.values():
        triples.extend(_source_triples(source))
    for entity in facts.entities.values():
        triples.extend(_entity_triples(entity, class_uris))
    asserted: set[Triple] = set()
    for claim in facts.claims.values():
        relation = relation_uris.get(claim.relation) or AG[claim.relation]
        triples.extend(_claim_triples(claim, relation))
        if claim.stance == "asserts":
            subject, _, obj = edge_key(claim.subject, claim.relation, claim.object)
            asserted.add((AGD[subject], relation, AGD[obj]))
    triples.extend(asserted)
    graph = bind_prefixes(Graph())
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph


# ------------------------------------------------------------------------- RDF -> facts

_Props = dict[URIRef, list[Node]]


def _one(props: _Props, predicate: URIRef) -> str | None:
    values = props.get(predicate)
    return str(values[0]) if values else None


def _id(props: _Props, predicate: URIRef) -> str:
    """The curated id a property points to (``AGD[id]`` -> ``id``)."""
    value = _one(props, predicate)
    if value is None:
        return ""
    prefix = str(AGD)
    return value[len(prefix) :] if value.startswith(prefix) else value


def _index(graph: Graph) -> dict[Node, _Props]:
    """Every subject's properties, gathered in one pass over the graph."""
    index: dict[Node, _Props] = defaultdict(lambda: defaultdict(list))
    for s, p, o in graph:
        index[s][p].append(o)  # type: ignore[index]
    return index


def _local_id(node: Node) -> str | None:
    text, prefix = str(node), str(AGD)
    return text[len(prefix) :] if isinstance(node, URIRef) and text.startswith(prefix) else None


def facts_from_rdf(graph: Graph) -> FactSet:
    """The facts an RDF graph holds in the mapping above (the inverse of ``facts_to_rdf``).

    Plain relation triples are not read: every edge is rebuilt from its claims. Aliases come
    back sorted (RDF has no order), which is the order the fact-file reader gives them too.
    """
    vocab = vocabulary()
    class_keys: dict[Node, str] = {cls.uri: key for key, cls in vocab.classes.items()}
    relation_keys: dict[Node | None, str] = {rel.uri: k for k, rel in vocab.relations.items()}
    stance_keys: dict[Node | None, str] = {uri: key for key, uri in STANCE_URIS.items()}
    facts = FactSet()
    for node, props in _index(graph).items():
        record_id = _local_id(node)
        if record_id is None:
            continue
        types = props.get(RDF.type, [])
        if AG.Claim in types:
            relation = props.get(AG.relation, [None])[0]
            stance = props.get(AG.stance, [None])[0]
            facts.claims[record_id] = Claim(
                id=record_id,
                subject=_id(props, AG.subject),
                relation=relation_keys.get(relation, _tail(relation)),
                object=_id(props, AG.object),
                source=_id(props, AG.source),
                quote=_one(props, AG.quote) or "",
                claimant=_id(props, AG.claimant),
                stance=stance_keys.get(stance, _tail(stance)),  # type: ignore[arg-type]  # validated
                stated_on=_one(props, AG.statedOn),
                valid_from=_one(props, AG.validFrom),
                valid_until=_one(props, AG.validUntil),
                note=_one(props, RDFS.comment) or "",
                hedge=_tail(props[AG.hedge][0]) if AG.hedge in props else None,
                voiced_by=_id(props, AG.voicedBy) or None,
                via=_id(props, AG.via) or None,
                statement=_one(props, AG.statement),
                date_basis=_one(props, AG.dateBasis),
                origin=RDF_ORIGIN,
            )
        elif AG.Source in types:
            facts.sources[record_id] = SourceDocument(
                id=record_id,
                file=_one(props, AG.file) or "",
                title=_one(props, DCTERMS.title) or "",
                publisher=_one(props, DCTERMS.publisher) or "",
                author=_id(props, DCTERMS.creator),
                published=_one(props, DCTERMS.issued) or "",
                url=_one(props, RDFS.seeAlso),
                date_basis=_one(props, AG.dateBasis),
                origin=RDF_ORIGIN,
            )
        else:
            keys = [class_keys[t] for t in types if t in class_keys]
            if not keys:
                continue  # not a curated entity (e.g. an ontology term)
            facts.entities[record_id] = Entity(
                id=record_id,
                name=_one(props, RDFS.label) or "",
                class_key=keys[0],
                aliases=tuple(sorted(str(a) for a in props.get(SKOS.altLabel, []))),
                description=_one(props, DCTERMS.description) or "",
                date=_one(props, AG.date),
                end_date=_one(props, AG.endDate),
                date_basis=_one(props, AG.dateBasis),
                valid_from=_one(props, AG.validFrom),
                valid_until=_one(props, AG.validUntil),
                origin=RDF_ORIGIN,
            )
    return _ordered(facts)


def _tail(node: Node | None) -> str:
    return "" if node is None else str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _ordered(facts: FactSet) -> FactSet:
    """The same facts with each dict in id order, so output does not depend on graph order."""
    return FactSet(
        sources=dict(sorted(facts.sources.items())),
        entities=dict(sorted(facts.entities.items())),
        claims=dict(sorted(facts.claims.items())),
    )
