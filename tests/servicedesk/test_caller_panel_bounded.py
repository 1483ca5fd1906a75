"""The caller panel, posted with the note as it is typed, reads no more of the note than the form
takes (walk58 L7: 3.2 s for a note of 5,000 characters, where the suggestion refuses it at
once)."""

from __future__ import annotations

from unittest import mock

from django.urls import reverse

from powerdesk.servicedesk import views_caller
from powerdesk.servicedesk.forms import INTAKE_TEXT_MAX
from tests.base import BaseTestCase


class CallerPanelBoundTests(BaseTestCase):
    def test_a_note_past_the_form_s_bound_is_read_only_up_to_it(self) -> None:
        self.login(self.clerk)
        note = "电线掉了" * 3000  # 12,000 characters
        read: list[int] = []

        def reading(name: str) -> mock._patch:  # type: ignore[type-arg]
            real = getattr(views_caller, name)

            def wrapped(*args: object, **kwargs: object) -> object:
                read.extend(len(a) for a in (*args, *kwargs.values()) if isinstance(a, str))
                return real(*args, **kwargs)

            return mock.patch.object(views_caller, name, wrapped)

        with reading("caller_shown"), reading("then_category"), reading("preselected_category"):
            response = self.client.post(
                reverse("servicedesk:caller"),
                {"text": note, "caller_number": "13886645906", "category": ""},
            )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(read)
        self.assertLessEqual(max(read), INTAKE_TEXT_MAX)
