"""The crew's card of a job with no household on the grid (a liaison's danger report: walk71,
L7): the cause's device field offers the elements on the line from the place reported (its
village's transformers) to the feeder, says how many and from where, and carries the words said
at the field when it is sent empty (crew_card.js), not only the browser's own bubble."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, other_branch_fuse

EN = {"accept-language": "en"}


class DeviceNearThePlaceTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.elsewhere = other_branch_fuse(self)
        order = work_order_create(
            station=self.station_a,
            user=self.chief,
            category="hazard",
            summary="上村组电杆倾斜",
            village=self.village,
        )
        self.order = work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        for step in ("on_the_way", "on_site"):
            crew_step_take(work_order=self.order, step=step, user=self.member, fields={})
        self.login(self.member)

    def cause_form(self) -> str:
        page = self.client.get(reverse("servicedesk:crew_jobs"), headers=EN).content.decode()
        form = page[page.index('data-crew-step="cause_found"') :]
        return form[: form.index("</form>")]

    def test_the_device_field_offers_the_line_from_the_village_to_the_feeder(self) -> None:
        form = self.cause_form()
        device = form[form.index('name="device"') : form.index(">", form.index('name="device"'))]
        self.assertIn(f'list="nearby-{self.order.pk}"', device)
        listed = form[
            form.index(f'<datalist id="nearby-{self.order.pk}"') : form.index("</datalist>")
        ]
        for node in (self.transformer, self.fuse, self.pole, self.breaker):
            self.assertIn(f'<option value="{node.code}">{node.name}', listed)
        self.assertNotIn(self.elsewhere.code, listed)  # another branch, another village
        self.assertIn(
            "The device list offers the 4 elements on the line from 左门 to the feeder.", form
        )

    def test_sent_empty_the_field_has_its_words_to_say(self) -> None:
        form = self.cause_form()
        device = form[form.index('name="device"') : form.index(">", form.index('name="device"'))]
        self.assertIn("required", device)
        with translation.override("en"):
            self.assertIn(
                'data-missing="Device: say where the cause was, by the device&#x27;s code or name '
                '(the list offers those on the line from the place reported)."',
                device,
            )
        self.assertIn(f'id="device-error-{self.order.pk}" data-field-error="device"', form)
