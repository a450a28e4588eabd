"""The steering demo for Dresden: the network's bodies as the council decision A0446/18 and
the framework concept name them, with invented members and a year of meetings, all marked
as demo data; and the real decision A0446/18 as a council paper.

Safe to run again: a body that exists already is left as it is.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.funding.models import PlannedPosition, Position
from praeventionsnetz.network.models import Organisation, Sector
from praeventionsnetz.steering import services
from praeventionsnetz.steering.models import (
    ActionItem,
    ActionItemStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Committee,
    CommitteeKind,
    Consultation,
    Decision,
    Meeting,
    MeetingStatus,
    MembershipRole,
    Paper,
    Person,
)

DEMO = " (Demodaten)"
STEERING_GROUP = "Steuerungsgruppe Sozialraumkoordination" + DEMO
FOUNDED = dt.date(2019, 2, 1)  # the coordination starts in February 2019 (A0446/18)

# (key, name, seats, at least, members: (name, function) …)
STEERING_SEATS = [
    (
        "oeffentlicher-traeger",
        "Benannt vom öffentlichen Träger der Jugendhilfe",
        3,
        False,
        [
            ("Dr. Katrin Albrecht", "Leitung Jugendamt"),
            ("Thomas Reinhardt", "Jugendhilfeplanung"),
            ("Sabine Kühn", "Abteilungsleitung Allgemeiner Sozialer Dienst"),
        ],
    ),
    (
        "jha",
        "Gewählt vom Jugendhilfeausschuss",
        3,
        False,
        [
            ("Martina Seidel", "Mitglied des Jugendhilfeausschusses"),
            ("Jens Hoffmann", "Mitglied des Jugendhilfeausschusses"),
            ("Anke Wolf", "Mitglied des Jugendhilfeausschusses"),  # left six weeks ago
        ],
    ),
    (
        "projekttraeger",
        "Projektträger",
        1,
        False,
        [("Frank Neumann", "Geschäftsführung des Projektträgers")],
    ),
]

WORKING_GROUPS = [
    (
        "AG Sozialraumorientierung" + DEMO,
        "AG SRO",
        "Strategische Ebene: Sozialraumorientierung der Jugendhilfe, Abstimmung mit der "
        "Jugendhilfeplanung (Rahmenkonzept).",
        [
            ("jugendhilfeplanung", "Jugendhilfeplanung", 1, False, [("Thomas Reinhardt", "")]),
            ("asd", "Allgemeiner Sozialer Dienst", 1, True, [("Sabine Kühn", "")]),
            (
                "freie-traeger",
                "Freie Träger",
                2,
                True,
                [
                    ("Ulrike Brandt", "Fachbereichsleitung eines freien Trägers"),
                    ("Mehmet Yilmaz", "Bereichsleitung Jugendarbeit"),
                ],
            ),
        ],
    ),
    (
        "AG Frühprävention" + DEMO,
        "AG Frühprävention",
        "Frühe Hilfen und Prävention von der Schwangerschaft bis zum Schuleintritt.",
        [
            (
                "fruehe-hilfen",
                "Frühe Hilfen",
                1,
                False,
                [("Claudia Lange", "Koordinierungsstelle Frühe Hilfen")],
            ),
            (
                "gesundheit",
                "Gesundheitswesen",
                1,
                True,
                [("Dr. Peter Krause", "Gesundheitsamt, Kinder- und Jugendärztlicher Dienst")],
            ),
            ("kita", "Kindertagesbetreuung", 1, True, []),  # never filled: a vacancy
        ],
    ),
]

MINUTES = (
    "Begrüßung und Feststellung der Beschlussfähigkeit. Bericht aus den Stadträumen: die "
    "Koordinatorinnen und Koordinatoren stellen den Stand ihrer Arbeit vor. Diskussion der "
    "Bedarfe und der nächsten Schritte. (Demodaten)"
)


def _person(name: str, role_title: str, organisation=None) -> Person:
    name += DEMO
    person = Person.objects.filter(name=name, is_demo=True).first()
    if person is None:
        person = services.person_create(
            name=name, role_title=role_title, organisation=organisation, by=None, is_demo=True
        )
    return person


def _committee(name: str, kind: str, area: Area, seats: list, **fields) -> tuple[Committee, bool]:
    committee = Committee.objects.filter(name=name, is_demo=True).first()
    if committee is not None:
        return committee, False
    committee = services.committee_save(
        committee=None,
        fields={"name": name, "kind": kind, "area": area, "founded_on": FOUNDED, **fields},
        seats=[services.SeatRow(name=s[1], seats=s[2], is_minimum=s[3], key=s[0]) for s in seats],
        by=None,
        is_demo=True,
    )
    return committee, True


def _seat(committee: Committee, key: str):
    return committee.seat_categories.get(key=key)


def _join(
    committee,
    category,
    *,
    starts_on=FOUNDED,
    person=None,
    organisation=None,
    role=None,
    ends_on=None,
):
    return services.membership_add(
        committee=committee,
        seat_category=category,
        person=person,
        organisation=organisation,
        starts_on=starts_on,
        ends_on=ends_on,
        role=role or MembershipRole.MEMBER,
        by=None,
        is_demo=True,
    )


def _steering_group(dresden: Area, today: dt.date) -> Committee | None:
    committee, created = _committee(
        STEERING_GROUP,
        CommitteeKind.STEERING_GROUP,
        dresden,
        STEERING_SEATS,
        short_name="Steuerungsgruppe",
        description=(
            "Steuert die stadtweite Sozialraumkoordination: 3 vom öffentlichen Träger "
            "benannte Mitglieder, 3 vom Jugendhilfeausschuss gewählte und 1 des "
            "Projektträgers (Beschluss A0446/18, Punkt 3)."
        ),
    )
    if not created:
        return None
    for key, _name, _seats, _minimum, members in STEERING_SEATS:
        category = _seat(committee, key)
        for i, (name, title) in enumerate(members):
            role = MembershipRole.CHAIR if (key, i) == ("oeffentlicher-traeger", 0) else None
            starts_on = dt.date(2024, 1, 1) if key == "projekttraeger" else FOUNDED
            if starts_on != FOUNDED:
                # The project provider sent someone else until the end of 2023.
                before = _join(
                    committee,
                    category,
                    person=_person("Heike Schulz", "Geschäftsführung des Projektträgers"),
                )
                services.membership_end(membership=before, left_on=starts_on, by=None)
            membership = _join(
                committee, category, person=_person(name, title), role=role, starts_on=starts_on
            )
            if name == "Anke Wolf":
                # Left six weeks ago; nobody elected yet: the seat is vacant.
                services.membership_end(
                    membership=membership, left_on=today - dt.timedelta(days=41), by=None
                )
    # An advisory member without a seat: does not count for the composition.
    _join(
        committee,
        None,
        person=_person("Claudia Lange", "Koordinierungsstelle Frühe Hilfen"),
        role=MembershipRole.ADVISORY,
    )
    return committee


def _council_committee(dresden: Area) -> None:
    _committee(
        "Jugendhilfeausschuss" + DEMO,
        CommitteeKind.COUNCIL_COMMITTEE,
        dresden,
        [],
        short_name="JHA",
        description="Der Ausschuss des Stadtrats für die Kinder- und Jugendhilfe; er wählt "
        "drei Mitglieder der Steuerungsgruppe.",
        founded_on=None,
    )


def _district_team(raum: Area, today: dt.date) -> Committee | None:
    seats = [
        ("asd", "Allgemeiner Sozialer Dienst", 1, True),
        ("koordination", "Sozialraumkoordination", 1, False),
        ("traeger-vor-ort", "Träger vor Ort", 2, True),
        ("weitere-felder", "Weitere Felder (Schule, Gesundheit, Arbeit)", 0, True),
    ]
    committee, created = _committee(
        f"Stadtraumteam {raum.name}{DEMO}",
        CommitteeKind.DISTRICT_TEAM,
        raum,
        seats,
        short_name=f"Stadtraumteam {raum.code}",
        description="Operative Ebene: Fachkräfte des ASD, die Koordination, Träger vor Ort "
        "und weitere Felder stimmen sich im Stadtraum ab.",
    )
    if not created:
        return None
    _join(
        committee,
        _seat(committee, "asd"),
        person=_person(f"ASD-Fachkraft {raum.code}", "Allgemeiner Sozialer Dienst"),
    )
    _join(
        committee,
        _seat(committee, "koordination"),
        person=_person(f"Koordination Stadtraum {raum.code}", "Sozialraumkoordination"),
        role=MembershipRole.CHAIR,
    )
    local = Organisation.objects.filter(is_demo=True, areas_served=raum).order_by("pk")
    for organisation in local.filter(sector=Sector.YOUTH_WELFARE)[:3]:
        _join(committee, _seat(committee, "traeger-vor-ort"), organisation=organisation)
    for organisation in local.exclude(sector=Sector.YOUTH_WELFARE)[:2]:
        _join(committee, _seat(committee, "weitere-felder"), organisation=organisation)
    return committee


def _working_circle(dresden: Area) -> Committee | None:
    places = PlannedPosition.objects.filter(
        module__programme__key="dresden-praeventionsbudget-2018"
    ).count()
    committee, created = _committee(
        "Arbeitskreis der Sozialraumkoordination" + DEMO,
        CommitteeKind.WORKING_CIRCLE,
        dresden,
        [("koordination", "Koordinatorin oder Koordinator je Stelle", places or 20, False)],
        short_name="AK Koordination",
        description="Alle Koordinatorinnen und Koordinatoren der 20 geplanten Stellen "
        "tauschen sich aus (Aufgabe d).",
    )
    if not created:
        return None
    category = _seat(committee, "koordination")
    # One member per coordinator position (a successor from the day it starts, the
    # predecessor until the position ends); a place without a position stays vacant.
    positions = (
        Position.objects.filter(is_demo=True, planned__isnull=False)
        .select_related("provider")
        .order_by("planned_id", "starts_on", "pk")
    )
    for position in positions:
        name = position.title.replace("Sozialraumkoordination", "Koordination")
        try:
            _join(
                committee,
                category,
                person=_person(
                    name.removesuffix(DEMO), "Sozialraumkoordination", position.provider
                ),
                starts_on=max(position.starts_on, FOUNDED),
                ends_on=position.ends_on,
            )
        except DomainError:
            continue  # more positions than places on a day: the composition rule says no
    return committee


def _working_groups(dresden: Area) -> list[Committee]:
    made = []
    for name, short, task, seats in WORKING_GROUPS:
        committee, created = _committee(
            name, CommitteeKind.WORKING_GROUP, dresden, seats, short_name=short, description=task
        )
        if not created:
            continue
        for key, _n, _s, _m, members in seats:
            for person_name, title in members:
                _join(committee, _seat(committee, key), person=_person(person_name, title))
        made.append(committee)
    return made


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


AGENDA = [
    "Begrüßung, Protokoll der letzten Sitzung",
    "Bericht aus den Stadträumen",
    "Verwendung der Mittel und nächste Schritte",
]


def _meetings(committee: Committee, days: list[dt.date], today: dt.date) -> list[Meeting]:
    """Meetings on the days given (the last may be upcoming) with agenda, attendance,
    minutes, decisions and action items."""
    people = [m.person for m in committee.memberships.select_related("person") if m.person]
    meetings = []
    past = [d for d in days if d < today]
    for n, day in enumerate(days, start=1):
        held = day < today
        meeting = Meeting.objects.create(
            committee=committee,
            name=f"{n}. Sitzung {committee.short_name or committee.name}{DEMO}",
            starts_at=_at(day, 14),
            ends_at=_at(day, 16),
            place="Rathaus Dresden, Raum 12 (Demodaten)",
            status=MeetingStatus.HELD if held else MeetingStatus.INVITED,
            minutes=MINUTES if held else "",
            minutes_taker="Geschäftsstelle (Demodaten)" if held else "",
            minutes_approved_on=days[n] if held and n < len(past) else None,
            invitations_sent_at=_at(day - dt.timedelta(days=14), 9),
            is_demo=True,
        )
        items = [
            AgendaItem.objects.create(
                meeting=meeting,
                number=str(i),
                order=i,
                title=title,
                result="Zur Kenntnis genommen" if held and i < 3 else "",
            )
            for i, title in enumerate(AGENDA, start=1)
        ]
        if held:
            for i, person in enumerate(people):
                status = AttendanceStatus.EXCUSED if (i + n) % 5 == 0 else AttendanceStatus.PRESENT
                Attendance.objects.create(meeting=meeting, person=person, status=status)
            Decision.objects.create(
                meeting=meeting,
                agenda_item=items[2],
                number=f"{n}/{day.year}",
                text="Die Mitglieder stimmen dem Vorschlag der Koordination zu (Demodaten).",
                votes_for=max(len(people) - 1, 1),
                votes_against=0,
                abstentions=1 if people else 0,
            )
            last = n == len(past)
            owner = people[n % len(people)] if people else None
            if last:
                # The latest meeting's tasks: one open, one in progress, one overdue.
                tasks = [
                    ("Bedarfsanalyse für den Stadtraum vorstellen", 30, ActionItemStatus.OPEN),
                    (
                        "Einladung der Schulsozialarbeit vorbereiten",
                        14,
                        ActionItemStatus.IN_PROGRESS,
                    ),
                    ("Rückmeldung an den Jugendhilfeausschuss", -3, ActionItemStatus.OPEN),
                ]
            else:
                tasks = [("Ergebnisse an die Träger weitergeben", 21, ActionItemStatus.DONE)]
            for title, due_in, status in tasks:
                if status == ActionItemStatus.DONE:
                    due = day + dt.timedelta(days=due_in)
                elif due_in < 0:  # overdue: due after the meeting, before today
                    due = min(
                        today - dt.timedelta(days=1), max(day, today + dt.timedelta(days=due_in))
                    )
                else:
                    due = today + dt.timedelta(days=due_in)
                ActionItem.objects.create(
                    committee=committee,
                    meeting=meeting,
                    agenda_item=items[2],
                    title=f"{title} (Demodaten)",
                    owner=owner,
                    due_on=due,
                    status=status,
                    done_on=due if status == ActionItemStatus.DONE else None,
                    is_demo=True,
                )
        meetings.append(meeting)
    return meetings


def _every(today: dt.date, weeks: int, *, upcoming_in: int = 14) -> list[dt.date]:
    """Days from a year ago up to today every `weeks` weeks, and one upcoming."""
    step = dt.timedelta(weeks=weeks)
    day = today - dt.timedelta(days=365) + dt.timedelta(days=3)
    days = []
    while day < today:
        days.append(day)
        day += step
    upcoming = today + dt.timedelta(days=upcoming_in)
    return [*(_working_day(d, back=True) for d in days), _working_day(upcoming, back=False)]


def _working_day(day: dt.date, *, back: bool) -> dt.date:
    """Bodies meet on working days: a weekend day moves to the Friday before (past meetings
    stay past) or to the Monday after."""
    if day.weekday() < 5:
        return day
    return (
        day - dt.timedelta(days=day.weekday() - 4)
        if back
        else day + dt.timedelta(days=7 - day.weekday())
    )


def _paper(dresden: Area, first: Meeting | None) -> Paper:
    paper, _ = Paper.objects.get_or_create(
        reference="A0446/18",
        defaults={
            "name": "Grundsatzbeschluss zur Verwendung der Mittel im Präventionsbudget",
            "paper_type": "Beschlussausfertigung",
            "date": dt.date(2018, 11, 1),
            "area": dresden,
            "is_demo": False,
        },
    )
    if first is not None and not paper.consultations.filter(meeting=first).exists():
        Consultation.objects.create(
            paper=paper,
            meeting=first,
            agenda_item=first.agenda_items.order_by("order").last(),
            committee=first.committee,
            role="Kenntnisnahme",
        )
    return paper


@transaction.atomic
def load_steering_demo() -> int:
    """Load Dresden's demo bodies and their meetings; returns how many bodies were new."""
    dresden = Area.objects.current().cities().filter(code="dresden").first()
    if dresden is None:
        return 0
    today = timezone.localdate()
    made = 0
    steering = _steering_group(dresden, today)
    first = None
    if steering is not None:
        made += 1
        first = _meetings(steering, _every(today, 13, upcoming_in=21), today)[0]
    _paper(dresden, first)
    if not Committee.objects.filter(name="Jugendhilfeausschuss" + DEMO).exists():
        _council_committee(dresden)
        made += 1
    raeume = Area.objects.current().filter(
        city=dresden, level=Level.STADTRAUM, code__in=["16", "04"]
    )
    for raum in raeume.order_by("code"):
        team = _district_team(raum, today)
        if team is not None:
            made += 1
            _meetings(team, _every(today, 9, upcoming_in=10), today)
    circle = _working_circle(dresden)
    if circle is not None:
        made += 1
        _meetings(circle, _every(today, 13, upcoming_in=35), today)
    for group in _working_groups(dresden):
        made += 1
        _meetings(group, _every(today, 17, upcoming_in=28), today)
    return made
