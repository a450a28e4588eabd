"""Import planning: read and check a package, table by table; write nothing."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from praeventionsnetz.areas.models import Area
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.offers.hsds.files import files_from_directory, files_from_zip
from praeventionsnetz.offers.hsds.package import package_read
from praeventionsnetz.offers.hsds.plan import PLAN_TABLES, UNUSED_TABLES, ImportPlan, PlannedTopic
from praeventionsnetz.offers.hsds.planner_places import _PlacesPlanner
from praeventionsnetz.offers.hsds.planner_services import _ServicesPlanner
from praeventionsnetz.offers.hsds.problems import PackageError, Problem
from praeventionsnetz.offers.hsds.vocabulary import FIELD_BY_TERM, hsds_spec
from praeventionsnetz.offers.models import Topic


class _Planner(_ServicesPlanner, _PlacesPlanner):
    """The whole plan: organisations, locations, topics, then offers."""

    # topics

    def topics_plan(self) -> None:
        linked = {
            a.get("taxonomy_term_id")
            for a in self.package.rows("attribute")
            if a.get("link_entity") == "service"
        }
        wanted = {}
        for term_id, (code, name, taxonomy) in self.topic_terms.items():
            if self.plan.is_own or term_id in linked:
                wanted[code] = (term_id, name, taxonomy)
        existing = {t.code: t for t in Topic.objects.filter(code__in=list(wanted))}
        for code, (term_id, name, taxonomy) in wanted.items():
            topic = existing.get(code)
            row = self.terms[term_id].number
            if topic is None:
                action = "create"
            else:
                action = (
                    "unchanged" if (topic.name, topic.taxonomy) == (name, taxonomy) else "update"
                )
            values = {"code": code, "name": name, "taxonomy": taxonomy}
            self.lengths("taxonomy_term", row, Topic, values)
            self.plan.topics.append(PlannedTopic(term_id, values, topic, action))
            self.entry("taxonomy_term", row, name, action)

    def unused(self) -> None:
        for table in UNUSED_TABLES:
            if self.package.rows(table):
                self.warn(
                    table,
                    None,
                    f"{len(self.package.rows(table))} Zeile(n) ohne Gegenstück im "
                    "Präventionsnetz; sie werden nicht übernommen",
                )
        ignored = [
            a
            for a in self.package.rows("attribute")
            if a.get("taxonomy_term_id") not in FIELD_BY_TERM and a.get("link_entity") != "service"
        ]
        if ignored:
            self.warn(
                "attribute",
                None,
                f"{len(ignored)} Merkmal(e) an Organisationen, Orten oder anderem als "
                "Angeboten werden nicht übernommen",
            )

    def run(self) -> None:
        self.organisations()
        self.locations_plan()
        self.topics_plan()
        self.services_plan()
        self.unused()
        self.plan.organisations = list(self.orgs.values())
        self.plan.read = {table: len(self.package.rows(table)) for table, _label in PLAN_TABLES}


def hsds_import_plan(
    source: Path | Mapping[str, bytes], *, city: Area | None = None, name: str = ""
) -> ImportPlan:
    """Read and check a package (folder, zip file or file name → bytes); write nothing.

    ``city`` is the city of organisations that are new to the registry and whose package
    does not say which city they belong to.
    """
    spec = hsds_spec()
    try:
        if isinstance(source, Path):
            files = (
                files_from_zip(source.read_bytes())
                if source.is_file()
                else files_from_directory(source)
            )
        else:
            files = dict(source)
        package = package_read(files, spec)
    except (PackageError, OSError) as exc:
        raise DomainError(str(exc)) from exc
    plan = ImportPlan(source=name or str(source), title=package.title, city=city)
    plan.errors.extend(package.errors)
    plan.warnings.extend(package.warnings)
    if not package.rows("service"):
        plan.errors.append(Problem(spec.tables["service"].path, None, "keine Angebote im Paket"))
    if plan.errors:
        # Broken rows or references would only cause follow-up errors; fix these first.
        return plan
    _Planner(package, plan).run()
    return plan
