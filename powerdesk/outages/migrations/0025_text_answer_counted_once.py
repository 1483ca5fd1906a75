import datetime as dt

from django.db import migrations

# The household's "1" is handled in one request: its answer stored, its place on the list
# settled, its own order's callback made, each a moment after the other.
WITHIN = dt.timedelta(minutes=1)


def mark_text_answers(apps, schema_editor):
    """A household's "1" by text, answered before its two sides were marked (fix69a): its
    place on the outage's list and its own order's callback, both settled by the one answer,
    counted twice in the months before. 0023 marks a clerk's calls by the words stored; an
    answer by text is recognised by what the text path alone stores, whatever the words: the
    household's answer "1" to the outage's question (``SmsQuestion``), its place on that
    outage's list reached by no one (``done_by`` empty: the answer, not a clerk) with no score,
    and a callback reached by no one with no score on its own order joined to that outage,
    both within a minute after the answer and neither marked yet. The list's side is marked
    as the code marks it now (``OutageCallback.order_settled``: counted on the list)."""
    SmsQuestion = apps.get_model("notifications", "SmsQuestion")
    OutageCallback = apps.get_model("outages", "OutageCallback")
    Callback = apps.get_model("servicedesk", "Callback")
    answers = SmsQuestion.objects.filter(answer="1", answered_at__isnull=False).order_by("pk")
    for answer in answers.iterator():
        soon = (answer.answered_at, answer.answered_at + WITHIN)
        listed = OutageCallback.objects.filter(
            outage_id=answer.outage_id,
            customer_id=answer.customer_id,
            outcome="reached",
            done_by__isnull=True,
            satisfaction__isnull=True,
            done_at__range=soon,
            given_up=False,
            settled_by_order__isnull=True,
            order_settled__isnull=True,
        ).first()
        if listed is None:
            continue
        made = (
            Callback.objects.filter(
                work_order__outage_links__outage_id=answer.outage_id,
                work_order__customer_id=answer.customer_id,
                by__isnull=True,
                outcome="reached",
                satisfaction__isnull=True,
                at__range=soon,
                settled_on_list__isnull=True,
            )
            .order_by("at", "pk")
            .distinct()
            .first()
        )
        if made is not None:
            listed.order_settled = made
            listed.save(update_fields=["order_settled"])


class Migration(migrations.Migration):
    dependencies = [
        ("outages", "0024_callback_given_up_why"),
        ("notifications", "0008_event_names"),
        ("servicedesk", "0047_in_house_cause_as_kind"),
    ]

    operations = [
        migrations.RunPython(mark_text_answers, migrations.RunPython.noop),
    ]
