"""The telephone webhook as strict as the API where nothing is lost: unknown fields, numbers
and call ids of the wrong type."""

from __future__ import annotations

import json
from typing import Any

from django.urls import reverse
from django.utils.translation import ngettext

from powerdesk.accounts.tokens import token_create
from powerdesk.lib.language import station_language
from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase
from tests.servicedesk.station_said import said_before_why, station_said


class WebhookStrictTests(BaseTestCase):
    """The webhook is as strict as ``/api/v1/calls`` where nothing is lost: a ringing or answered
    call with a field it does not take is refused naming it (walk37, 13); a missed or abandoned
    call is logged all the same, the answer naming the fields ignored and the server logging a
    warning (review37, 3: an urgent caller who hung up must not be lost to a timestamp). A
    caller's number must be text; a numeric call id is still taken as text."""

    def setUp(self) -> None:
        _, self.key = token_create(station_id=self.station_a.pk, name="交换机")

    def send(self, body: dict[str, Any]) -> Any:
        return self.client.post(
            reverse("servicedesk:cti"),
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {self.key}",
        )

    def test_a_ringing_call_with_an_unknown_field_is_refused_naming_it(self) -> None:
        for event in ("ringing", "answered"):
            for extra in ({"extra": 1}, {"at": "2026-12-05 10:00"}):
                body = {"event": event, "call_id": "c1", "caller_number": "1234567", **extra}
                answer = self.send(body)
                self.assertEqual(answer.status_code, 400, answer.content)
                [name] = extra
                self.assertEqual(answer.json()["field"], name)
                self.assertIn(name, answer.json()["error"])
        self.assertFalse(Call.objects.exists())

    def test_a_missed_call_with_unknown_fields_is_logged_naming_what_was_ignored(self) -> None:
        for n, event in enumerate(("missed", "abandoned")):
            body = {
                "event": event,
                "call_id": f"c{n}",
                "caller_number": "0878-5711095",
                "at": "2026-12-05 10:00",
                "direction": "in",
            }
            with self.assertLogs("powerdesk.telephone", "WARNING") as logged:
                answer = self.send(body)
            self.assertEqual(answer.status_code, 200, answer.content)
            said = answer.json()
            self.assertEqual(said["ignored"], ["at", "direction"])
            self.assertIn("at, direction", said["warning"])
            call = Call.objects.get(pk=said["logged"])
            self.assertEqual((call.status, call.caller_number), (event, "0878 571 1095"))
            self.assertIn("fields ignored: at, direction", logged.output[0])
            # Sent again: the same call, the same words about what was ignored.
            again = self.send(body).json()
            self.assertEqual((again["call"], again["ignored"]), (call.pk, ["at", "direction"]))
        self.assertEqual(Call.objects.count(), 2)

    def test_a_missed_call_without_unknown_fields_says_nothing_ignored(self) -> None:
        answer = self.send({"event": "missed", "call_id": "c1", "caller_number": "1234567"})
        self.assertEqual(answer.status_code, 200, answer.content)
        self.assertNotIn("ignored", answer.json())

    def test_a_ringing_call_whose_number_is_sent_as_a_number_is_refused(self) -> None:
        answer = self.send({"event": "ringing", "call_id": "c1", "caller_number": 13858327647})
        self.assertEqual(answer.status_code, 400, answer.content)
        self.assertEqual(answer.json()["field"], "caller_number")
        self.assertEqual(
            answer.json()["error"],
            station_said("%(field)s must be a string.", field="caller_number"),
        )
        self.assertFalse(Call.objects.exists())

    def test_what_the_docs_say_works_still_works(self) -> None:
        answer = self.send({"event": "missed", "call_id": 4711, "caller_number": "138 5832 7647"})
        self.assertEqual(answer.status_code, 200, answer.content)
        ringing = self.send({"event": "ringing", "call_id": "c9", "caller_number": "anonymous"})
        self.assertEqual(ringing.status_code, 200, ringing.content)
        self.assertIn("intake_url", ringing.json())

    def test_a_missed_call_whose_number_is_sent_as_a_number_is_logged_with_it(self) -> None:
        # Some exchanges send the number as a JSON number: the caller who hung up is not lost.
        answer = self.send({"event": "missed", "call_id": "c1", "caller_number": 13858327647})
        self.assertEqual(answer.status_code, 200, answer.content)
        call = Call.objects.get(pk=answer.json()["logged"])
        self.assertEqual("".join(c for c in call.caller_number if c.isdigit()), "13858327647")
        self.assertNotIn("warning", answer.json())

    def test_a_missed_call_whose_number_cannot_be_used_is_logged_with_no_number(self) -> None:
        for n, (event, value) in enumerate(
            [
                ("missed", {"a": 1}),
                ("abandoned", True),
                ("missed", 1.5),
                ("missed", "1" * 10_000),
                ("abandoned", "<script>"),
            ]
        ):
            with self.assertLogs("powerdesk.telephone", "WARNING") as logged:
                answer = self.send({"event": event, "call_id": f"c{n}", "caller_number": value})
            self.assertEqual(answer.status_code, 200, answer.content)
            call = Call.objects.get(pk=answer.json()["logged"])
            self.assertEqual((call.status, call.caller_number), (event, ""))
            self.assertIn(
                station_said("The call is logged with no caller number (%(why)s).", why="")[:-2],
                answer.json()["warning"],
            )
            self.assertIn("without its caller_number", logged.output[0])
            # Sent again: the same call, said the same.
            again = self.send({"event": event, "call_id": f"c{n}", "caller_number": value})
            self.assertEqual(again.json()["call"], call.pk)
            self.assertEqual(again.json()["warning"], answer.json()["warning"])
        self.assertEqual(Call.objects.count(), 5)

    def test_a_missed_call_whose_call_id_cannot_be_used_is_found_again_when_sent_again(
        self,
    ) -> None:
        # review39, S3: logged without its call id, every retry of the exchange was queued
        # again. A number is taken as its text; anything else kept as a stand-in made from it.
        stand_in = said_before_why(
            "The call is logged under a stand-in call id, as its own cannot be stored "
            "(%(why)s): sent again, it is found as the same call."
        )
        for n, (call_id, kept) in enumerate(
            [
                ("c" * 65, "sha1:"),
                (1.5e9, "1500000000.0"),
                ({"uid": "1701234567.10", "leg": 2}, "sha1:"),
                (["c" * 70], "sha1:"),
            ]
        ):
            body = {"event": "missed", "call_id": call_id, "caller_number": f"123456{n}"}
            with self.subTest(call_id=str(call_id)[:20]):
                answer = self.send(body)
                self.assertEqual(answer.status_code, 200, answer.content)
                call = Call.objects.get(pk=answer.json()["logged"])
                self.assertTrue(call.cti_call_id.startswith(kept), call.cti_call_id)
                self.assertLessEqual(len(call.cti_call_id), 64)
                self.assertTrue(call.caller_number.replace(" ", "").endswith(f"123456{n}"))
                if kept == "sha1:":
                    self.assertIn(stand_in, answer.json()["warning"])
                else:
                    self.assertNotIn("warning", answer.json())
                again = self.send(body).json()
                self.assertEqual((again["duplicate"], again["call"]), (True, call.pk))
                self.assertEqual(again.get("warning"), answer.json().get("warning"))
        self.assertEqual(Call.objects.count(), 4)
        # Keys in another order are the same call id.
        again = self.send(
            {"event": "missed", "call_id": {"leg": 2, "uid": "1701234567.10"}, "caller_number": ""}
        )
        self.assertTrue(again.json()["duplicate"])

    def test_a_call_id_sent_as_a_number_is_its_text_as_sent(self) -> None:
        # An Asterisk unique id sent as a number: "….10" and "….1" are two calls.
        for text in (b"1701234567.10", b"1701234567.1", b"1.5e9"):
            response = self.send(
                b'{"event": "missed", "call_id": ' + text + b', "caller_number": "1234567"}'
            )
            self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(
            sorted(Call.objects.values_list("cti_call_id", flat=True)),
            ["1.5e9", "1701234567.1", "1701234567.10"],
        )

    def test_a_call_id_that_names_no_call_is_no_call_id(self) -> None:
        # Every call sent with true, {} or blank text would be taken for the first one: a
        # caller lost. Logged without a call id, said so (sent again, logged again).
        for value in (True, {}, [], " " * 70, float("nan")):
            body = {"event": "abandoned", "call_id": value, "caller_number": "1234567"}
            raw = json.dumps(body).encode()  # NaN as JSON's NaN, as Python's json writes it
            with self.subTest(value=repr(value)[:10]):
                first = self.send(raw).json()
                second = self.send(raw).json()
                self.assertNotEqual(first["logged"], second["logged"])
                self.assertEqual(Call.objects.get(pk=second["logged"]).cti_call_id, "")
                said = said_before_why(
                    "The call is logged without its call id (%(why)s): sent again, it is "
                    "logged again."
                )
                self.assertIn(said, second["warning"])

    def test_the_log_says_an_unusable_value_by_its_type_and_length_only(self) -> None:
        # review39, N8: the caller's number sent was written to the server's log.
        with self.assertLogs("powerdesk.telephone", "WARNING") as logged:
            answer = self.send(
                {"event": "missed", "call_id": "c" * 65, "caller_number": "13858327647 ext 12"}
            )
        self.assertEqual(answer.status_code, 200, answer.content)
        output = "\n".join(logged.output)
        self.assertNotIn("13858327647", output)
        self.assertNotIn("c" * 65, output)
        self.assertIn("without its caller_number (str of length 18)", output)
        self.assertIn("without its call_id (str of length 65)", output)

    def test_many_unknown_fields_are_named_ten_and_counted(self) -> None:
        # review38, 9: every name was answered and logged, however many.
        names = [f"f{i:03d}" for i in range(1, 26)]
        body = {"event": "missed", "call_id": "c1", "caller_number": "1234567"}
        body |= {name: 1 for name in names}
        with self.assertLogs("powerdesk.telephone", "WARNING") as logged:
            answer = self.send(body)
        self.assertEqual(answer.status_code, 200, answer.content)
        self.assertEqual(answer.json()["ignored"], names[:10])
        with station_language():
            more = ngettext(" and %(count)d more", " and %(count)d more", 15) % {"count": 15}
            warning = ngettext(
                "The call is logged; the field %(names)s is not one the telephone webhook takes "
                "and was ignored (it takes only %(fields)s; the call's time is when it was "
                "received).",
                "The call is logged; the fields %(names)s are not ones the telephone webhook "
                "takes and were ignored (it takes only %(fields)s; the call's time is when it "
                "was received).",
                25,
            ) % {"names": ", ".join(names[:10]) + more, "fields": "event, caller_number, call_id"}
        self.assertEqual(answer.json()["warning"], warning)
        self.assertIn(", ".join(names[:10]) + more, logged.output[0])
        self.assertNotIn(names[10], logged.output[0])
        # A ringing call is refused saying the same.
        ringing = self.send(body | {"event": "ringing"})
        self.assertEqual(ringing.status_code, 400, ringing.content)
        self.assertIn(", ".join(names[:10]) + more, ringing.json()["error"])
        self.assertNotIn(names[10], ringing.json()["error"])
