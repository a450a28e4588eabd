"""The HSDS export's row collector, with the taxonomy, term and attribute rows all tables use."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Model

from praeventionsnetz.offers.hsds.vocabulary import (
    FIELDS,
    OWN_FIELDS,
    PHASES,
    TOPICS_DEFAULT,
    TRANSITIONS,
    encode_own,
    hsds_id,
    taxonomy_id_of,
    topic_term_id,
    without_empty,
)
from praeventionsnetz.offers.models import Topic


class HsdsRows:
    """Collects the HSDS rows of a set of offers, each row once, and the taxonomies they use."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.seen: set[tuple[str, str]] = set()
        self.taxonomies: dict[str, dict[str, Any]] = {}
        self.city_codes: dict[int, str] = {}  # organisation → its city's code

    def add(self, table: str, row: dict[str, Any]) -> None:
        if (table, row["id"]) not in self.seen:
            self.seen.add((table, row["id"]))
            self.rows[table].append(row)

    def taxonomy(self, name: str, description: str) -> str:
        taxonomy_id = taxonomy_id_of(name)
        self.taxonomies.setdefault(
            taxonomy_id, {"id": taxonomy_id, "name": name, "description": description}
        )
        return taxonomy_id

    def term(self, term_id: str, code: str, name: str, description: str, taxonomy: str) -> None:
        if ("taxonomy_term", term_id) in self.seen:
            return
        own = taxonomy in (PHASES, TRANSITIONS, FIELDS)
        taxonomy_id = self.taxonomy(
            taxonomy,
            f"Eigene Taxonomie des Präventionsnetzes: {taxonomy.split(': ')[-1]}"
            if own
            else f"Themen ({taxonomy})",
        )
        self.add(
            "taxonomy_term",
            without_empty(
                id=term_id,
                code=code,
                name=name,
                description=description,
                taxonomy=taxonomy,
                taxonomy_id=taxonomy_id,
                language="de",
            ),
        )

    def attribute(self, entity: str, link_id: str, term_id: str, value: str = "") -> None:
        self.add(
            "attribute",
            without_empty(
                id=hsds_id("attribute", f"{link_id}:{term_id}:{value}"),
                link_id=link_id,
                taxonomy_term_id=term_id,
                link_entity=entity,
                value=value,
            ),
        )

    def own_fields(
        self, entity: str, link_id: str, obj: Model, skip: frozenset[str] = frozenset()
    ) -> None:
        for own in OWN_FIELDS:
            if own.entity != entity or own.attr in skip:
                continue
            value = getattr(obj, own.attr)
            if own.kind == "areas":
                value = value.all()
            for text in encode_own(own, value):
                self.term(own.term_id, f"field:{own.key}", own.name, f"Feld {own.key}", FIELDS)
                self.attribute(entity, link_id, own.term_id, text)

    def finish(self) -> dict[str, list[dict[str, Any]]]:
        self.rows["taxonomy"] = list(self.taxonomies.values())
        return dict(self.rows)


def topic_rows(rows: HsdsRows, topic: Topic) -> str:
    """The taxonomy term of a topic (and its taxonomy); returns the term's id."""
    term_id = topic_term_id(topic.code)
    rows.term(term_id, topic.code, topic.name, topic.name, topic.taxonomy or TOPICS_DEFAULT)
    return term_id
