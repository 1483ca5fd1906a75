"""Where an outage is, in a text message: the places named, and how many in all."""

from django.test import SimpleTestCase
from django.utils import translation

from powerdesk.notifications.texts import place_words


class PlaceWordsTests(SimpleTestCase):
    def test_the_places_not_named_are_counted_in_all(self) -> None:
        villages = ["左门村", "右门村", "上寨村", "下寨村", "中寨村"]
        # Two named, five in all (zh-hans "等5处": 等N counts all of them, named or not).
        with translation.override("en"):
            self.assertEqual(
                place_words("10kV 左门线", villages, 2), "左门村, 右门村 and more, 5 places in all"
            )
            self.assertEqual(
                place_words("10kV Zuomen line", ["A", "B", "C"], 2),
                "A, B and more, 3 places in all",
            )

    def test_no_village_known_names_the_device(self) -> None:
        self.assertEqual(place_words("1号变压器", [], 2), "1号变压器")
