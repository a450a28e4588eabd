"""Setting up a call: planning creates a draft with the programme's questions and weighted
criteria, edits it (answered questions and scored criteria are protected), publishes it and
closes it early; the pages re-show what was typed and refuse other roles."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.funding import calls
from praeventionsnetz.funding.calls import CriterionRow, QuestionRow
from praeventionsnetz.funding.models import Call, CallStatus, PlannedPosition
from tests.conftest import make_call
from tests.funding.test_calls import submitted

HOSTILE = '<script>alert("x")</script>'


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")


@pytest.fixture
def call(district):
    return make_call(area=district)


@pytest.fixture
def draft(district):
    return make_call(area=district, status=CallStatus.DRAFT, title="Entwurf")


def fields_of(call, **changes):
    return {
        "programme": call.programme,
        "module": call.module,
        "planned_position": call.planned_position,
        "title": call.title,
        "description": call.description,
        "opens_at": call.opens_at,
        "deadline_at": call.deadline_at,
        "deciding_body": call.deciding_body,
    } | changes


def rows_of(call):
    questions = [QuestionRow(q.text, q.is_required, q.pk) for q in call.questions.all()]
    criteria = [CriterionRow(c.name, c.weight, c.max_score, c.pk) for c in call.criteria.all()]
    return questions, criteria


def test_planning_creates_a_draft_with_questions_and_criteria(call, planner):
    new = calls.call_save(
        call=None,
        fields=fields_of(call, title="Koordination Südraum", planned_position=None),
        questions=[QuestionRow("Frage A"), QuestionRow("Frage B", is_required=False)],
        criteria=[CriterionRow("Fachlichkeit", Decimal("2.5"), 10)],
        by=planner,
    )
    assert new.status == CallStatus.DRAFT
    assert [(q.order, q.text, q.is_required) for q in new.questions.all()] == [
        (1, "Frage A", True),
        (2, "Frage B", False),
    ]
    assert [(c.name, c.weight, c.max_score) for c in new.criteria.all()] == [
        ("Fachlichkeit", Decimal("2.50"), 10)
    ]
    assert new.history.first().history_user == planner
    assert new.questions.first().history.first().history_user == planner


def test_a_draft_is_not_open_until_published(draft, planner):
    assert not calls.is_open(draft)
    calls.call_publish(call=draft, by=planner)
    draft.refresh_from_db()
    assert draft.status == CallStatus.OPEN
    assert calls.is_open(draft)
    with pytest.raises(DomainError, match="Only a draft"):
        calls.call_publish(call=draft, by=planner)


def test_a_draft_past_its_deadline_is_not_published(draft, planner):
    with pytest.raises(DomainError, match="deadline has passed"):
        calls.call_publish(call=draft, by=planner, now=draft.deadline_at + dt.timedelta(hours=1))
    draft.refresh_from_db()
    assert draft.status == CallStatus.DRAFT


def test_closing_early_refuses_new_applications(call, planner, member, organisation):
    calls.call_close(call=call, by=planner)
    with pytest.raises(DomainError, match="not open"):
        calls.call_application_save(call=call, organisation=organisation, answers={}, by=member)


def test_only_planning_sets_up_calls(call, steering, coordinator, member):
    questions, criteria = rows_of(call)
    for user in (steering, coordinator, member):
        with pytest.raises(DomainError, match="Only planning"):
            calls.call_save(
                call=call, fields=fields_of(call), questions=questions, criteria=criteria, by=user
            )
        with pytest.raises(DomainError, match="Only planning"):
            calls.call_close(call=call, by=user)


def test_questions_reorder_and_swap_without_collisions(call, planner):
    questions, criteria = rows_of(call)
    calls.call_save(
        call=call,
        fields=fields_of(call),
        questions=list(reversed(questions)),
        criteria=[
            CriterionRow(criteria[0].name, criteria[1].weight, 5, criteria[1].pk),
            CriterionRow(criteria[1].name, criteria[0].weight, 5, criteria[0].pk),
        ],
        by=planner,
    )
    assert [q.text for q in call.questions.all()] == [q.text for q in reversed(questions)]
    assert [c.name for c in call.criteria.all()] == ["Fachlichkeit", "Vernetzung"]
    assert [c.pk for c in call.criteria.all()] == [criteria[1].pk, criteria[0].pk]


def test_an_answered_question_stays(call, planner):
    submitted(call, "Träger A", "a")
    questions, criteria = rows_of(call)
    with pytest.raises(DomainError, match="has answers and cannot be removed"):
        calls.call_save(
            call=call,
            fields=fields_of(call),
            questions=questions[1:],
            criteria=criteria,
            by=planner,
        )
    assert call.questions.count() == 3
    # A typo may be fixed; a question added later may go again.
    fixed = QuestionRow(questions[0].text + " (korrigiert)", True, questions[0].pk)
    kept = [fixed, *questions[1:], QuestionRow("Neue Frage", is_required=False)]
    calls.call_save(
        call=call, fields=fields_of(call), questions=kept, criteria=criteria, by=planner
    )
    assert call.questions.count() == 4
    assert call.questions.first().text.endswith("(korrigiert)")
    kept = [fixed, *questions[1:]]
    calls.call_save(
        call=call, fields=fields_of(call), questions=kept, criteria=criteria, by=planner
    )
    assert call.questions.count() == 3


def test_scored_criteria_keep_their_weights(call, planner):
    application = submitted(call, "Träger A", "a")
    first, _second = call.criteria.all()
    calls.review_save(application=application, reviewer=planner, scores={first.pk: 4})
    questions, criteria = rows_of(call)
    changed = [CriterionRow(first.name, Decimal(5), 5, first.pk), criteria[1]]
    with pytest.raises(DomainError, match="can no longer be changed"):
        calls.call_save(
            call=call, fields=fields_of(call), questions=questions, criteria=changed, by=planner
        )
    with pytest.raises(DomainError, match="no longer be added or removed"):
        calls.call_save(
            call=call,
            fields=fields_of(call),
            questions=questions,
            criteria=[*criteria, CriterionRow("Neu", Decimal(1))],
            by=planner,
        )
    first.refresh_from_db()
    assert first.weight == Decimal(2)
    assert call.criteria.count() == 2


def test_a_decided_call_is_not_changed(call, planner):
    application = submitted(call, "Träger A", "a")
    calls.call_decide(
        call=call, application=application, body="JHA", decided_on=dt.date(2026, 12, 1), by=planner
    )
    questions, criteria = rows_of(call)
    with pytest.raises(DomainError, match="already been decided"):
        calls.call_save(
            call=call, fields=fields_of(call), questions=questions, criteria=criteria, by=planner
        )


def test_awarded_things_must_fit_together(call, planner):
    other = PlannedPosition.objects.create(
        module=call.module, name="Andere Stelle", fte=Decimal("0.5")
    )
    questions, criteria = rows_of(call)
    with pytest.raises(DomainError, match="position or a module"):
        calls.call_save(
            call=None,
            fields=fields_of(call, module=None, planned_position=None),
            questions=questions,
            criteria=criteria,
            by=planner,
        )
    from tests.funding.factories import ModuleFactory

    foreign = ModuleFactory(name="Fremdes Modul")
    with pytest.raises(DomainError, match="another module"):
        calls.call_save(
            call=None,
            fields=fields_of(call, module=foreign, planned_position=other),
            questions=questions,
            criteria=criteria,
            by=planner,
        )
    with pytest.raises(DomainError, match="at least one criterion"):
        calls.call_save(
            call=None, fields=fields_of(call), questions=questions, criteria=[], by=planner
        )


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "20",
    }


def post_data(call, **changes):
    data = {
        "programme": call.programme_id,
        "planned_position": call.planned_position_id,
        "module": "",
        "title": "Koordination Südraum",
        "description": HOSTILE,
        "opens_at": "",
        "deadline_at": (timezone.localtime() + dt.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M"),
        "deciding_body": "Jugendhilfeausschuss",
        **management("frage", 3),
        "frage-0-text": "Wie sehen Sie Ihre Rolle?",
        "frage-0-is_required": "on",
        "frage-1-text": HOSTILE,
        "frage-2-text": "",
        **management("kriterium", 2),
        "kriterium-0-name": "Fachlichkeit",
        "kriterium-0-weight": "1,5",
        "kriterium-0-max_score": "5",
        "kriterium-1-name": "",
        "kriterium-1-weight": "1",
        "kriterium-1-max_score": "5",
    }
    return data | changes


def test_new_call_page_starts_with_the_programmes_questions(client, planner, call):
    call.programme.call_questions = ["Frage a der Entscheidung", "Frage b der Entscheidung"]
    call.programme.deciding_body = "Stadtrat"
    call.programme.save()
    client.force_login(planner)
    body = client.get(reverse("funding:call-new")).content.decode()
    assert "Frage a der Entscheidung" in body
    assert "Frage b der Entscheidung" in body
    assert 'value="Stadtrat"' in body


def test_planning_creates_publishes_and_closes_through_the_pages(client, planner, call):
    client.force_login(planner)
    response = client.post(reverse("funding:call-new"), post_data(call))
    assert response.status_code == 302, response.content.decode()
    new = Call.objects.get(title="Koordination Südraum")
    assert new.status == CallStatus.DRAFT
    assert [q.is_required for q in new.questions.all()] == [True, False]
    assert new.criteria.get().weight == Decimal("1.50")
    detail = client.get(response["Location"]).content.decode()
    assert HOSTILE not in detail
    assert "&lt;script&gt;" in detail
    status = reverse("funding:call-status", kwargs={"pk": new.pk})
    client.post(status, {"aktion": "veroeffentlichen"})
    new.refresh_from_db()
    assert new.status == CallStatus.OPEN
    client.post(status, {"aktion": "schliessen"})
    new.refresh_from_db()
    assert new.status == CallStatus.CLOSED
    page = client.post(status, {"aktion": "schliessen"}, follow=True).content.decode()
    assert "Nur eine offene Ausschreibung kann geschlossen werden." in page


def test_a_wrong_form_keeps_what_was_typed(client, planner, call):
    client.force_login(planner)
    data = post_data(call, deadline_at="morgen", title="Mein Titel")
    response = client.post(reverse("funding:call-new"), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="Mein Titel"' in body
    assert "Wie sehen Sie Ihre Rolle?" in body
    assert 'id="call-form-error"' in body
    assert not Call.objects.filter(title="Mein Titel").exists()


def test_a_domain_refusal_keeps_what_was_typed(client, planner, call):
    client.force_login(planner)
    data = post_data(call, **{"kriterium-0-name": "", "kriterium-0-weight": "1"})
    response = client.post(reverse("funding:call-new"), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Eine Ausschreibung braucht mindestens ein Kriterium für die Bewertung." in body
    assert "Wie sehen Sie Ihre Rolle?" in body


def test_editing_keeps_the_rows(client, planner, call):
    client.force_login(planner)
    url = reverse("funding:call-edit", kwargs={"pk": call.pk})
    page = client.get(url).content.decode()
    assert "Wie organisieren Sie Transfer?" in page
    questions, criteria = list(call.questions.all()), list(call.criteria.all())
    data = post_data(call, title=call.title)
    data |= management("frage", 3, 3) | management("kriterium", 2, 2)
    for i, q in enumerate(questions):
        data |= {f"frage-{i}-pk": q.pk, f"frage-{i}-text": q.text, f"frage-{i}-is_required": "on"}
    data["frage-2-DELETE"] = "on"
    for i, c in enumerate(criteria):
        data |= {
            f"kriterium-{i}-pk": c.pk,
            f"kriterium-{i}-name": c.name,
            f"kriterium-{i}-weight": str(c.weight).replace(".", ","),
            f"kriterium-{i}-max_score": "5",
        }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    assert [q.pk for q in call.questions.all()] == [questions[0].pk, questions[1].pk]
    assert [c.pk for c in call.criteria.all()] == [c.pk for c in criteria]


@pytest.mark.parametrize("persona", ["steering", "coordinator", "member"])
def test_other_roles_cannot_set_up_calls(client, call, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("funding:call-new")).status_code == 403
    assert client.post(reverse("funding:call-new"), post_data(call)).status_code == 403
    status = reverse("funding:call-status", kwargs={"pk": call.pk})
    assert client.post(status, {"aktion": "schliessen"}).status_code == 403
    call.refresh_from_db()
    assert call.status == CallStatus.OPEN


def test_anonymous_goes_to_the_login(client, call):
    response = client.get(reverse("funding:call-edit", kwargs={"pk": call.pk}))
    assert response.status_code == 302
    assert "anmelden" in response["Location"]


def test_the_overall_mean_is_rounded_once(call, planner, steering):
    """Weighted 11/3 and 3 have the mean 10/3 = 3.33; rounding each review first (3.67 and
    3.00) would give 3.34."""
    application = submitted(call, "Träger A", "a")
    first, second = call.criteria.all()  # weights 2 and 1
    for reviewer, scores in ((planner, (4, 3)), (steering, (2, 5))):
        calls.review_save(
            application=application,
            reviewer=reviewer,
            scores={first.pk: scores[0], second.pk: scores[1]},
            submit=True,
        )
    (row,) = calls.review_summary(call)
    assert (row.overall.mean, row.overall.low, row.overall.high) == (
        Decimal("3.33"),
        Decimal("3.00"),
        Decimal("3.67"),
    )


def test_a_question_with_only_empty_answers_can_go(call, planner, member, organisation):
    first, second, optional = call.questions.all()
    calls.call_application_save(
        call=call,
        organisation=organisation,
        answers={first.pk: "Antwort", second.pk: "Antwort", optional.pk: ""},
        by=member,
    )
    questions, criteria = rows_of(call)
    calls.call_save(
        call=call, fields=fields_of(call), questions=questions[:2], criteria=criteria, by=planner
    )
    assert list(call.questions.all()) == [first, second]
