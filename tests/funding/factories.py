import factory

from praeventionsnetz.funding import services
from praeventionsnetz.funding.models import Module, ModuleKind, Programme


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    key = factory.Sequence(lambda n: f"programm-{n}")
    name = factory.Sequence(lambda n: f"Testprogramm {n}")


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    programme = factory.SubFactory(ProgrammeFactory)
    key = factory.Sequence(lambda n: f"modul-{n}")
    name = "Aktionsbudget"
    kind = ModuleKind.ACTION_BUDGET


def budget_line(*, area, year=2026, cents=100_000, module=None):
    """A line planning `cents` (through the service, so that the ledger holds the plan)."""
    return services.budget_line_plan(
        module=module or ModuleFactory(), area=area, year=year, cents=cents, reason="Testplan"
    )


def paper_application(line, *, cents=10_000, title="Nachbarschaftsfest", by=None):
    return services.application_record(
        budget_line=line,
        title=title,
        what="Ein Fest im Stadtteil",
        amount_requested_cents=cents,
        applicant_name="Erika Muster",
        applicant_email="erika@example.org",
        by=by,
    )
