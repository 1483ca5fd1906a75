"""The public page's list of outages, one inside another: an inner outage's card says the time of
a wider outage above it that ends later (its households are dark until then too, as the
household lookup says), as a line above's, never naming its device; a wider one ending earlier
changes nothing; one with no time yet is the latest. Read for the whole list at once."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.models import Outage
from powerdesk.outages.restoration import outage_restore_part
from powerdesk.public.held_above import hold_by_wider
from powerdesk.public.selectors import PublicOutage, station_status
from tests.base import build_cast
from tests.outage_cast import declared

HOUR = dt.timedelta(hours=1)


@pytest.fixture
def cast(db: None) -> types.SimpleNamespace:
    namespace = types.SimpleNamespace()
    build_cast(namespace)
    cache.clear()
    return namespace


def card_of(cast: types.SimpleNamespace, outage: Outage) -> PublicOutage:
    [card] = [o for o in station_status(cast.station_a).outages if o.outage_ids == (outage.pk,)]
    return card


def page(cast: types.SimpleNamespace) -> str:
    cache.clear()
    response = Client().get(reverse("public:status", args=[cast.station_a.code]))
    assert response.status_code == 200
    return response.content.decode()


def said(at: dt.datetime) -> str:
    return f"{timezone.localtime(at):%m-%d %H:%M}"


def test_an_inner_outage_says_the_later_time_of_the_wider_one(cast: types.SimpleNamespace) -> None:
    wider = declared(cast, cast.pole, began=30, back_in=4 * HOUR)
    inner = declared(cast, cast.fuse, began=10, back_in=HOUR)
    card = card_of(cast, inner)
    assert card.above is not None and card.above.outage_ids == (wider.pk,)
    assert card.expected_restore_at == inner.expected_restore_at  # its own, kept
    html = page(cast)
    assert html.count('data-testid="public-above"') == 1
    # Nor the inner one's texted time beside it: not what its households hold.
    held = html.split('data-testid="public-above">', 1)[1].split("</div>", 1)[0]
    assert 'data-testid="public-texted"' not in held
    assert_words = _("Power expected back: %(at)s (a line above is off too)") % {
        "at": said(wider.expected_restore_at)  # type: ignore[arg-type]
    }
    assert assert_words in html
    # The public page names no device: not the wider one's either.
    for name in (cast.pole.code, cast.pole.name, cast.breaker.code):
        assert name not in html


def test_a_wider_outage_ending_earlier_changes_nothing(cast: types.SimpleNamespace) -> None:
    declared(cast, cast.pole, began=30, back_in=HOUR)
    inner = declared(cast, cast.fuse, began=10, back_in=4 * HOUR)
    card = card_of(cast, inner)
    assert card.above is None
    html = page(cast)
    assert 'data-testid="public-above"' not in html
    assert said(inner.expected_restore_at) in html  # type: ignore[arg-type]


def test_a_wider_outage_with_no_time_yet_is_the_latest(cast: types.SimpleNamespace) -> None:
    wider = declared(cast, cast.pole, began=30)
    inner = declared(cast, cast.fuse, began=10, back_in=HOUR)
    card = card_of(cast, inner)
    assert card.above is not None and card.above.outage_ids == (wider.pk,)
    above = page(cast).split('data-testid="public-above">', 1)[1].split("</span>", 1)[0]
    if card.above.estimate is None:
        assert above == _("Power expected back: not yet known (a line above is off too)")
    else:  # the model's "about" for it, as its own card says
        at = said(card.above.estimate.at)
        assert above == _("Power expected back: about %(at)s (a line above is off too)") % {
            "at": at
        }


def test_a_wider_outage_partly_restored_above_it_holds_it_no_more(
    cast: types.SimpleNamespace,
) -> None:
    """review50, 4: the pole's outage gave power back everywhere but another fuse's branch; the
    fuse's households are dark from the fuse's outage alone, back at its own time."""
    [elsewhere] = fuses(cast, 1)
    wider = declared(cast, cast.pole, began=30, back_in=4 * HOUR)
    inner = declared(cast, cast.fuse, began=10, back_in=HOUR)
    assert card_of(cast, inner).above is not None
    outage_restore_part(outage=wider, user=cast.chief, still_open=[elsewhere])
    cache.clear()
    assert card_of(cast, inner).above is None
    html = page(cast)
    assert 'data-testid="public-above"' not in html
    assert said(inner.expected_restore_at) in html  # type: ignore[arg-type]


def fuses(cast: types.SimpleNamespace, n: int) -> list[GridNode]:
    return [
        GridNode.objects.create(
            station=cast.station_a,
            feeder=cast.feeder,
            code=f"ZM-B0{i + 2}-F",
            kind=NodeKind.FUSE,
            parent=cast.pole,
            name=f"哔叭{i + 2}支线熔断器",
        )
        for i in range(n)
    ]


def test_the_list_is_read_at_once_whatever_its_length(
    cast: types.SimpleNamespace, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    declared(cast, cast.pole, began=30, back_in=4 * HOUR)
    inner = [declared(cast, cast.fuse, began=10, back_in=HOUR)]

    def held(queries: Callable[..., Any]) -> list[PublicOutage]:
        outages = list(Outage.objects.filter(status=Outage.Status.ACTIVE).select_related("device"))
        cards = {
            o.pk: PublicOutage(
                device_id=o.device_id,
                state="off",
                planned=False,
                starts_at=o.starts_at,
                expected_restore_at=o.expected_restore_at,
                cause="",
                notice="",
                updated_at=None,
                outage_ids=(o.pk,),
            )
            for o in outages
        }
        with queries(QUERIES):
            hold_by_wider(cards, outages)
        return [cards[o.pk] for o in inner]

    assert all(c.above is not None for c in held(django_assert_max_num_queries))
    inner += [declared(cast, fuse, began=10, back_in=HOUR) for fuse in fuses(cast, 3)]
    assert all(c.above is not None for c in held(django_assert_max_num_queries))


# The fault outages, the devices above them, the texts told, and what each still keeps dark
# (its feeder's links and its restore steps: a partial restore may have given a place power
# back, review50, 4): whatever the list.
QUERIES = 5
