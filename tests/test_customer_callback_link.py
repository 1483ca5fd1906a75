"""The customer page's entry for a household's place on an outage's callback list links to
where that list is shown (walk73b 5: it opened the device's page, which has no callbacks): its
row on the callbacks page while it is to call or given up, else the outage among those recently
restored; and the last try's note is said once (it was in the tries and again below them)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from powerdesk.outages.outage_callback_record import (
    outage_callback_give_up,
    outage_callback_record,
)
from tests.base import BaseTestCase
from tests.servicedesk.test_callback_sent_twice import restored_callback


class CustomerCallbackLinkTests(BaseTestCase):
    def setUp(self) -> None:
        self.callback = restored_callback(self)
        self.login(self.clerk)

    def tried(self, note: str, outcome: str = "not_reached", **more: Any) -> None:
        outage_callback_record(
            callback=self.callback, user=self.clerk, outcome=outcome, note=note, **more
        )

    def page(self) -> Any:
        return self.client.get(self.customer.get_absolute_url())

    def link(self, href: str) -> str:
        return f'<a href="{href}" data-testid="customer-callback-list-link">'

    def test_to_call_links_to_its_row_on_the_callbacks_page(self) -> None:
        self.tried("调度打了没人接")
        self.tried("第二次没人接", outcome="retry")
        page = self.page()
        row = reverse("servicedesk:callbacks") + f"#outage-callback-{self.callback.pk}"
        self.assertContains(page, self.link(row))
        html = page.content.decode()
        section = html[html.index('data-testid="customer-callbacks"') :]
        section = section[: section.index("</section>")]
        self.assertNotIn(f'href="{self.fuse.get_absolute_url()}"', section)  # the device's
        self.assertContains(
            self.client.get(reverse("servicedesk:callbacks")),
            f'id="outage-callback-{self.callback.pk}"',
        )

    def test_the_last_note_is_said_once(self) -> None:
        self.tried("调度打了没人接")
        self.tried("第二次没人接", outcome="retry")
        self.assertContains(self.page(), "第二次没人接", count=1)

    def test_given_up_links_to_its_row_among_those_given_up(self) -> None:
        for note in ("关机", "没人接", "停机"):
            self.tried(note)
        outage_callback_give_up(callback=self.callback, user=self.chief, reason="家属已接走老人")
        page = self.page()
        self.assertContains(
            page, self.link(reverse("servicedesk:callbacks") + f"#given-up-{self.callback.pk}")
        )
        self.assertContains(page, "停机", count=1)

    def test_reached_links_to_the_outage_recently_restored(self) -> None:
        self.tried("已来电", outcome="reached", satisfaction=5)
        page = self.page()
        outage = self.callback.outage_id
        self.assertContains(page, self.link(reverse("outages:list") + f"#restored-{outage}"))
        self.assertContains(page, "已来电", count=1)
        self.assertContains(self.client.get(reverse("outages:list")), f'id="restored-{outage}"')
