"""A request that cannot be read is said so in the station's or the reader's language (walk56):
an API body that is JSON but not an object is a 400 as a body not JSON is, with where (L1); a
form refused for its security token is the site's own page, with the way back (M5)."""

from __future__ import annotations

from django.test import Client
from django.utils import translation

from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase
from tests.servicedesk.station_said import station_said


class ApiBodyNotReadTests(BaseTestCase):
    def setUp(self) -> None:
        self.session = Client(enforce_csrf_checks=True)
        self.session.force_login(self.clerk)
        self.csrf = "k" * 32  # the CSRF cookie, as the page the clerk has open set it
        self.session.cookies["csrftoken"] = self.csrf

    def post(self, body: str) -> object:
        return self.session.post(
            "/api/v1/calls", body, content_type="application/json", HTTP_X_CSRFTOKEN=self.csrf
        )

    def test_a_body_not_json_is_a_400_saying_where(self) -> None:
        answer = self.post("{bad")
        self.assertEqual(answer.status_code, 400, answer.content)  # type: ignore[attr-defined]
        detail = answer.json()["detail"]  # type: ignore[attr-defined]
        self.assertEqual(
            detail,
            station_said(
                "The body is not valid JSON: %(what)s at line %(line)s, column %(column)s.",
                what=station_said("a name in double quotes is expected"),
                line=1,
                column=2,
            ),
        )
        self.assertFalse(Call.objects.exists())

    def test_json_that_is_not_an_object_is_a_400_in_the_station_s_language(self) -> None:
        for body in ('"{bad"', "[1, 2]", "42"):
            with self.subTest(body):
                answer = self.post(body)
                self.assertEqual(answer.status_code, 400, answer.content)  # type: ignore[attr-defined]
                self.assertEqual(
                    answer.json()["detail"],  # type: ignore[attr-defined]
                    station_said(
                        "The body is JSON but not a JSON object: send the fields in braces, "
                        'e.g. {"text": "…"}.'
                    ),
                )
        self.assertFalse(Call.objects.exists())

    def test_a_value_refused_inside_the_object_is_still_a_422_naming_it(self) -> None:
        answer = self.post('{"text": 5}')
        self.assertEqual(answer.status_code, 422, answer.content)  # type: ignore[attr-defined]
        self.assertEqual(answer.json()["detail"][0]["field"], "text")  # type: ignore[attr-defined]

    def test_the_schema_documents_the_400_of_a_body_not_read(self) -> None:
        schema = self.client.get("/api/v1/openapi.json").json()
        answers = schema["paths"]["/api/v1/calls"]["post"]["responses"]
        self.assertIn("400", answers)


class CsrfFailurePageTests(BaseTestCase):
    def refused(self, lang: str = "zh-hans") -> object:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.clerk)
        client.cookies.load({"django_language": lang})
        return client.post(
            "/desk/intake/",
            {"text": "停电了"},
            HTTP_REFERER="http://testserver/desk/intake/",
        )

    def test_a_form_without_its_token_is_the_site_s_page_with_the_way_back(self) -> None:
        answer = self.refused()
        self.assertEqual(answer.status_code, 403)  # type: ignore[attr-defined]
        html = answer.content.decode()  # type: ignore[attr-defined]
        with translation.override("zh-hans"):
            title = translation.gettext("The form was not sent")
            again = translation.gettext("Open the page again")
        self.assertIn('<html lang="zh-hans">', html)
        self.assertIn(title, html)
        self.assertIn(again, html)
        self.assertIn('href="http://testserver/desk/intake/"', html)  # back to the page
        main = html[html.index("<main") :]
        self.assertNotIn("DEBUG", main)
        self.assertNotIn("CSRF", main)
        self.assertFalse(Call.objects.exists())

    def test_in_english_for_an_english_reader_and_never_back_to_another_site(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.clerk)
        client.cookies.load({"django_language": "en"})
        answer = client.post("/desk/intake/", {"text": "x"}, HTTP_REFERER="https://evil.example/")
        html = answer.content.decode()
        self.assertIn('<html lang="en">', html)
        self.assertIn("The form was not sent", html)
        self.assertNotIn("evil.example", html)
