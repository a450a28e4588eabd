import pytest

from tests.steering.factories import CommitteeFactory, SeatCategoryFactory


@pytest.fixture
def steering_group(city):
    """Dresden's composition rule (A0446/18 item 3): 3 named by the public youth welfare
    provider, 3 elected by the youth welfare committee, 1 of the project provider."""
    committee = CommitteeFactory(name="Steuerungsgruppe", area=city)
    for order, (key, name, seats) in enumerate(
        [
            ("oeffentlicher-traeger", "Benannt vom öffentlichen Träger", 3),
            ("jha", "Gewählt vom Jugendhilfeausschuss", 3),
            ("projekttraeger", "Projektträger", 1),
        ]
    ):
        SeatCategoryFactory(committee=committee, key=key, name=name, seats=seats, order=order)
    return committee


@pytest.fixture
def district_team(district):
    from praeventionsnetz.steering.models import CommitteeKind

    return CommitteeFactory(
        name="Stadtraumteam Nordraum", kind=CommitteeKind.DISTRICT_TEAM, area=district
    )
