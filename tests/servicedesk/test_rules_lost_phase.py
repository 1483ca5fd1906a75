"""A phase lost ("进户线有一相掉了", "一相断了": the lights dim or flicker, a motor hums) is no line
down; a line down beside it still is. Notes our own, written for these tests."""

from __future__ import annotations

from tests.servicedesk.rules_cases import RulesCase


class LostPhaseTests(RulesCase):
    def test_a_phase_lost_is_no_line_down(self) -> None:
        self.assert_calm(
            "进户线有一相掉了，家里灯一闪一闪的",
            "三相电的线一相掉了，抽水机转不起来",
            "线路缺相了，电机嗡嗡响不转",
        )

    def test_a_line_down_beside_it_is_still_urgent(self) -> None:
        self.assert_urgent(
            "电线掉了一根在路上",
            "两根线互相搭起了，一直在打火",
            "进户线掉下来了，拖在路上",
            # a phase's conductor lying somewhere is a line down
            "断的线接好了一根，还有一相掉在田埂上",
            "进户线有一相掉下来了",
        )
