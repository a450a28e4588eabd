"""Import planning: read and check a package, table by table; write nothing."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from praeventionsnetz.areas.models import Area
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.offers.hsds.files import files_from_directory, files_from_zip
from praeventionsnetz.offers.hsds.import_context import ImportContext, import_context
from praeventionsnetz.offers.hsds.import_organisations import organisations_plan
from praeventionsnetz.offers.hsds.import_places import locations_plan
from praeventionsnetz.offers.hsds.import_services import services_plan
from praeventionsnetz.offers.hsds.import_topics import topics_plan
from praeventionsnetz.offers.hsds.package import package_read
from praeventionsnetz.offers.hsds.plan import PLAN_TABLES, UNUSED_TABLES, ImportPlan
from praeventionsnetz.offers.hsds.problems import PackageError, Problem
from praeventionsnetz.offers.hsds.texts import message_text
from praeventionsnetz.offers.hsds.vocabulary import FIELD_BY_TERM, hsds_spec


def _unused_report(context: ImportContext) -> None:
    """Warnings for the rows that have no counterpart here and are not read."""
    package = context.package
    for table in UNUSED_TABLES:
        if package.rows(table):
            count = len(package.rows(table))
            context.warn(
                table,
                None,
                ngettext(
                    "%(count)s row without a counterpart in Präventionsnetz; it is not taken over",
                    "%(count)s rows without a counterpart in Präventionsnetz; they are not taken "
                    "over",
                    count,
                )
                % {"count": count},
            )
    ignored = [
        a
        for a in package.rows("attribute")
        if a.get("taxonomy_term_id") not in FIELD_BY_TERM and a.get("link_entity") != "service"
    ]
    if ignored:
        context.warn(
            "attribute",
            None,
            ngettext(
                "%(count)s attribute of organisations, places or anything but offers is not "
                "taken over",
                "%(count)s attributes of organisations, places or anything but offers are not "
                "taken over",
                len(ignored),
            )
            % {"count": len(ignored)},
        )


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
    except PackageError as exc:
        raise DomainError(message_text(exc.message)) from exc
    except OSError as exc:
        raise DomainError(str(exc)) from exc
    plan = ImportPlan(source=name or str(source), title=package.title, city=city)
    plan.errors.extend(package.errors)
    plan.warnings.extend(package.warnings)
    if not package.rows("service"):
        plan.errors.append(
            Problem(spec.tables["service"].path, None, _("no offers in the package"))
        )
    if plan.errors:
        # Broken rows or references would only cause follow-up errors; fix these first.
        return plan
    # Table by table: offers need their organisations, places and topics planned first.
    context = import_context(package, plan)
    organisations_plan(context)
    locations_plan(context)
    topics_plan(context)
    services_plan(context)
    _unused_report(context)
    plan.organisations = list(context.orgs.values())
    plan.read = {table: len(package.rows(table)) for table, _label in PLAN_TABLES}
    return plan
