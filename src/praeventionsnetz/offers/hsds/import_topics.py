"""Import planning for topics: the taxonomy terms that are not ours become topics."""

from __future__ import annotations

from praeventionsnetz.offers.hsds.import_context import ImportContext, lengths_check
from praeventionsnetz.offers.hsds.plan import PlannedTopic
from praeventionsnetz.offers.models import Topic


def topics_plan(context: ImportContext) -> None:
    """Plan the topics: all terms of a package of ours, else those an offer uses."""
    linked = {
        a.get("taxonomy_term_id")
        for a in context.package.rows("attribute")
        if a.get("link_entity") == "service"
    }
    wanted = {}
    for term_id, (code, name, taxonomy) in context.topic_terms.items():
        if context.plan.is_own or term_id in linked:
            wanted[code] = (term_id, name, taxonomy)
    existing = {t.code: t for t in Topic.objects.filter(code__in=list(wanted))}
    for code, (term_id, name, taxonomy) in wanted.items():
        topic = existing.get(code)
        row = context.terms[term_id].number
        if topic is None:
            action = "create"
        else:
            action = "unchanged" if (topic.name, topic.taxonomy) == (name, taxonomy) else "update"
        values = {"code": code, "name": name, "taxonomy": taxonomy}
        lengths_check(context, "taxonomy_term", row, Topic, values)
        context.plan.topics.append(PlannedTopic(term_id, values, topic, action))
        context.entry("taxonomy_term", row, name, action)
