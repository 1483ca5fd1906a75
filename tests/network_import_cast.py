"""A network file for the import tests: a good one, and how it is sent."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from django.utils import translation

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
