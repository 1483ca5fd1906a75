"""Where an outage is, in a text message: the villages named, and how many more."""

from django.test import SimpleTestCase
from django.utils import translation

from powerdesk.notifications.texts import place_words


class PlaceWordsTests(SimpleTestCase):
    def test_the_villages_not_named_are_counted_as_more_not_as_all(self) -> None:
        villages = ["左门村", "右门村", "上寨村", "下寨村", "中寨村"]
        with translation.override("zh-hans"):
            words = place_words("10kV 左门线", villages, 2)
        # Two named and three more: "等3个村" would say three in all.
        self.assertEqual(words, "左门村、右门村及另外3个村")
        with translation.override("en"):
            self.assertEqual(
                place_words("10kV Zuomen line", ["A", "B", "C"], 2), "A, B and 1 more villages"
            )

    def test_no_village_known_names_the_device(self) -> None:
        self.assertEqual(place_words("1号变压器", [], 2), "1号变压器")
