"""A typed or bookmarked address that only takes a form (walkthrough 26, finding 8): a GET of
``/outages/reorder/`` answered 405 with an empty body, which Chromium showed as its own English
"HTTP ERROR 405" page. It is the product's own small page now, in the user's language, with the
way home; the status stays 405. The API keeps its JSON."""

from __future__ import annotations

from django.urls import reverse

from tests.base import BaseTestCase, zh

SAYS = "This address only accepts a form sent from a page. Please do it from the page itself."


class PostOnlyPageTests(BaseTestCase):
    def test_a_get_of_the_board_s_reorder_is_the_product_s_page_in_chinese(self) -> None:
        self.login(self.chief)
        response = self.client.get("/outages/reorder/")
        self.assertEqual(response.status_code, 405)
        self.assertEqual(response["Allow"], "POST")
        self.assertTemplateUsed(response, "405.html")
        page = response.content.decode()
        self.assertIn(zh(SAYS), page)
        self.assertIn(f'href="{reverse("web:root")}"', page)
        self.assertIn(zh("Back to my page"), page)

    def test_in_english_for_a_user_reading_english(self) -> None:
        self.login(self.clerk)
        response = self.client.get("/outages/reorder/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(response.status_code, 405)
        self.assertIn(SAYS, response.content.decode())

    def test_the_form_itself_still_works_by_post(self) -> None:
        self.login(self.chief)
        response = self.client.post("/outages/reorder/", {})
        self.assertNotEqual(response.status_code, 405)

    def test_the_api_keeps_its_own_answer(self) -> None:
        self.login(self.chief)
        api = self.client.get("/api/v1/work-orders/1/callbacks")  # the API takes only a POST here
        self.assertEqual(api.status_code, 405)
        self.assertTemplateNotUsed(api, "405.html")
        machine = self.client.get(reverse("servicedesk:cti"))
        self.assertEqual(machine.status_code, 405)
        self.assertEqual(machine.content, b"")
