"""A network file for the import tests: a good one, and how it is sent."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from powerdesk.network.models import Feeder, GridNode, NodeKind

GOOD = """id,parent,kind,name,feeder,line,pole_number,village,x,y,lightning_zone,install_year,capacity_kva
DS-CB,,source,地索线出线开关,10kV地索线,,,,101.2,25.5,0,2008,
DS-P01,DS-CB,node,地索线01号杆,,地索线主干线,01,,101.201,25.501,,2008,
DS-R1,DS-P01,recloser,1号重合器,,,,,,,0,2015,
DS-F1,DS-R1,fuse,石板支线熔断器,,石板支线,02,地索,,,1,2012,
DS-T1,DS-F1,transformer,地索石板台区,,石板支线,,地索,,,1,2016,100
C-1,DS-T1,customer,王德忠,,,,地索,,,,,
"""


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """These tests read the problems in English (the msgids); the page is asked in English."""
    with translation.override("en"):
        yield


def upload(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode("utf-8"))


def preview_and_confirm(client: Any, text: str, name: str = "net.csv") -> tuple[Any, Any]:
    """A network file sent on the import page, previewed, then confirmed: both answers (the
    confirmation's followed to the page it leads to)."""
    data = upload(text)
    data.name = name
    preview = client.post(reverse("network:import"), {"kind": "network", "file": data})
    assert preview.status_code == 200, preview.status_code
    return preview, client.post(
        reverse("network:import_confirm"), {"token": token_of(preview)}, follow=True
    )


def token_of(preview: Any) -> str:
    """The preview's token, sent back with its confirmation."""
    found = re.search(r'name="token" value="([^"]+)"', preview.content.decode())
    assert found, "no preview token on the page"
    return found.group(1)


def another_line(station: Any) -> tuple[Feeder, GridNode]:
    """Another line of ``station``, 10kV地索线 (DS), and its outlet breaker DS-CB: where a file
    moves a stored element to."""
    line = Feeder.objects.create(station=station, code="DS", name="10kV地索线")
    breaker = GridNode.objects.create(
        station=station, feeder=line, code="DS-CB", kind=NodeKind.SOURCE, name="地索线出线开关"
    )
    return line, breaker
