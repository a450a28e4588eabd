"""Measures: saving with indicators, status rules, linking funded action-budget projects,
the gaps of the prevention chain offered as the need, the demo."""

import datetime as dt
from decimal import Decimal

import pytest

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.funding import services as funding
from praeventionsnetz.offers.models import Status
from praeventionsnetz.steering import measures
from praeventionsnetz.steering.measures import IndicatorRow
from praeventionsnetz.steering.models import Measure, MeasureIndicator, MeasureStatus
from tests.factories import OrganisationFactory
from tests.funding.factories import budget_line, paper_application
from tests.monitoring.factories import IndicatorFactory, ObservationFactory
from tests.offers.factories import ServiceFactory


def fields(**changes):
    base = {
        "title": "Elterncafé",
        "need": "Wenige Angebote für junge Familien",
        "goals": "Familien früh erreichen",
        "status": MeasureStatus.PLANNED,
    }
    return {**base, **changes}


def save(by, area, measure=None, indicators=(), **changes):
    return measures.measure_save(
        measure=measure, area=area, fields=fields(**changes), indicators=list(indicators), by=by
    )


def funded(area, *, title="Hoffest", outcome="approved"):
    line = budget_line(area=area, cents=500_000)
    application = paper_application(line, cents=80_000, title=title)
    if outcome:
        funding.application_decide(
            application=application,
            outcome=outcome,
            amount_cents=50_000 if outcome == "partially_approved" else None,
            reason="Teilweise",
            by=None,
        )
    application.refresh_from_db()
    return application


def test_a_coordinator_creates_a_measure_with_indicators_in_order(coordinator, district, city):
    partner = OrganisationFactory(name="Kita Nord", city=city)
    measure = save(
        coordinator,
        district,
        indicators=[
            IndicatorRow(
                name="Familien pro Monat",
                unit="Familien",
                baseline=Decimal(0),
                target=Decimal(25),
                current=Decimal(10),
            ),
            IndicatorRow(name="  "),  # an empty row is no indicator
            IndicatorRow(name="Anteil Frühe Hilfen", unit="%"),
        ],
        partners=[partner],
        life_phases=["parents", "0-1"],
        starts_on=dt.date(2026, 1, 1),
    )
    assert measure.created_by == coordinator
    assert measure.life_phases == ["0-1", "parents"]  # in the order of the life course
    assert [i.name for i in measure.indicators.all()] == [
        "Familien pro Monat",
        "Anteil Frühe Hilfen",
    ]
    assert list(measure.partners.all()) == [partner]
    assert measure.history.first().history_user == coordinator


def test_changing_keeps_updates_and_removes_indicators(planner, district):
    measure = save(planner, district, indicators=[IndicatorRow(name="A"), IndicatorRow(name="B")])
    first, second = measure.indicators.all()
    save(
        planner,
        district,
        measure=measure,
        indicators=[IndicatorRow(pk=second.pk, name="B neu", current=Decimal(3))],
    )
    assert list(measure.indicators.values_list("pk", "name")) == [(second.pk, "B neu")]
    assert not MeasureIndicator.objects.filter(pk=first.pk).exists()


def test_a_coordinator_of_another_area_is_refused(other_coordinator, district):
    with pytest.raises(DomainError, match="eigenen Gebieten"):
        save(other_coordinator, district)
    assert not Measure.objects.exists()


def test_evaluated_needs_an_evaluation_result(planner, district):
    with pytest.raises(DomainError, match="Evaluationsergebnis"):
        save(planner, district, status=MeasureStatus.EVALUATED, evaluation="  ")
    measure = save(planner, district)
    with pytest.raises(DomainError, match="Evaluationsergebnis"):
        measures.measure_status_change(measure=measure, status=MeasureStatus.EVALUATED, by=planner)
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.PLANNED
    measure = measures.measure_status_change(
        measure=measure, status=MeasureStatus.EVALUATED, evaluation="Ziel erreicht", by=planner
    )
    assert measure.status == MeasureStatus.EVALUATED
    assert measure.evaluated_on is not None


def test_start_after_end_and_unknown_values_are_refused(planner, district, other_district):
    with pytest.raises(DomainError, match="beginnen, bevor"):
        save(planner, district, starts_on=dt.date(2026, 5, 1), ends_on=dt.date(2026, 4, 1))
    with pytest.raises(DomainError, match="Lebensphase"):
        save(planner, district, life_phases=["99-100"])
    with pytest.raises(DomainError, match="Unbekannter Status"):
        save(planner, district, status="forgotten")
    with pytest.raises(DomainError, match="Stadt der Maßnahme"):
        save(planner, district, partners=[OrganisationFactory(name="Anderswo")])
    measure = save(planner, district)
    with pytest.raises(DomainError, match="bleibt in ihrem Gebiet"):
        save(planner, other_district, measure=measure)


def test_linking_takes_funded_projects_of_the_same_area_only(coordinator, district, other_district):
    measure = save(coordinator, district)
    approved = funded(district)
    partly = funded(district, title="Zirkus", outcome="partially_approved")
    measures.measure_link_application(measure=measure, application=approved, by=coordinator)
    measures.measure_link_application(measure=measure, application=partly, by=coordinator)
    assert set(measure.action_applications.all()) == {approved, partly}
    with pytest.raises(DomainError, match="Nur geförderte Projekte"):
        measures.measure_link_application(
            measure=measure,
            application=funded(district, title="Offen", outcome=None),
            by=coordinator,
        )
    with pytest.raises(DomainError, match="Nur geförderte Projekte"):
        measures.measure_link_application(
            measure=measure,
            application=funded(district, title="Nein", outcome="rejected"),
            by=coordinator,
        )
    with pytest.raises(DomainError, match="Gebiet der Maßnahme"):
        measures.measure_link_application(
            measure=measure, application=funded(other_district), by=coordinator
        )
    assert list(measures.linkable_applications(measure)) == []
    measures.measure_unlink_application(measure=measure, application=approved, by=coordinator)
    assert list(measure.action_applications.all()) == [partly]
    assert list(measures.linkable_applications(measure)) == [approved]
    with pytest.raises(DomainError, match="nicht mit der Maßnahme verknüpft"):
        measures.measure_unlink_application(measure=measure, application=approved, by=coordinator)


def test_linking_is_refused_to_a_coordinator_of_another_area(
    coordinator, other_coordinator, district
):
    measure = save(coordinator, district)
    with pytest.raises(DomainError, match="eigenen Gebieten"):
        measures.measure_link_application(
            measure=measure, application=funded(district), by=other_coordinator
        )
    assert not measure.action_applications.exists()


def test_gaps_are_the_life_phases_without_offers_in_the_area(district, other_district, city):
    organisation = OrganisationFactory(name="Familienzentrum", city=city)
    offer = ServiceFactory(
        organisation=organisation, status=Status.PUBLISHED, life_phases=["0-1", "parents"]
    )
    offer.areas_served.add(district)
    gaps = measures.gap_phases(district)
    assert "0-1" not in gaps
    assert "parents" not in gaps
    assert {"pregnancy", "1-3", "14-18"} <= gaps
    assert "0-1" in measures.gap_phases(other_district)
    assert measures.gap_phases(city) == set()


def test_need_indicators_are_those_with_figures_in_the_area(district, other_district):
    here = IndicatorFactory(name_de="Geburten")
    elsewhere = IndicatorFactory(name_de="Anderes")
    ObservationFactory(area=district, indicator=here, period="2023")
    ObservationFactory(area=district, indicator=here, period="2024")
    ObservationFactory(area=other_district, indicator=elsewhere)
    assert list(measures.need_indicators_for(district)) == [here]


def test_progress_runs_from_baseline_to_target():
    row = MeasureIndicator(baseline=Decimal(10), target=Decimal(30), current=Decimal(20))
    assert measures.progress(row) == 50
    row.current = Decimal(40)
    assert measures.progress(row) == 100
    row.current = Decimal(0)
    assert measures.progress(row) == 0
    # A target below the baseline (fewer cases) counts the other way.
    assert (
        measures.progress(
            MeasureIndicator(baseline=Decimal(40), target=Decimal(20), current=Decimal(35))
        )
        == 25
    )
    assert (
        measures.progress(
            MeasureIndicator(baseline=Decimal(5), target=Decimal(5), current=Decimal(5))
        )
        is None
    )
    assert measures.progress(MeasureIndicator(baseline=Decimal(5), target=Decimal(9))) is None


def test_list_filters_by_area_status_and_life_phase(planner, district, other_district):
    a = save(planner, district, title="A", life_phases=["0-1"])
    b = save(planner, other_district, title="B", life_phases=["6-10"], status="running")
    assert set(measures.measures_list()) == {a, b}
    assert list(measures.measures_list(area=district)) == [a]
    assert list(measures.measures_list(status="running")) == [b]
    assert list(measures.measures_list(life_phase="0-1")) == [a]
    assert list(measures.measures_of_area(other_district)) == [b]
