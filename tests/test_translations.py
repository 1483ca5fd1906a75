"""Every string in the product has its Chinese translation, and the shipped catalogue is current."""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "powerdesk" / "locale" / "zh_Hans" / "LC_MESSAGES"
_ENTRY = re.compile(r'^msgid "(.*)"$', re.M)


def entries() -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) for each entry of the .po file."""
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    result = []
    for block in text.split("\n\n")[1:]:
        msgid = "".join(
            re.findall(
                r'^(?:msgid |")(?:")?(.*?)"$',
                block.split("msgid_plural")[0].split("msgstr")[0],
                re.M,
            )
        )
        strs = re.findall(r'^msgstr(?:\[\d\])? "(.*)"\n?((?:".*"\n?)*)', block, re.M)
        translated = "".join(a + "".join(re.findall(r'"(.*)"', b)) for a, b in strs)
        result.append((msgid, translated, "#, fuzzy" in block))
    return result


def test_every_string_has_a_chinese_translation() -> None:
    found = entries()
    assert len(found) > 200
    untranslated = [msgid for msgid, msgstr, _ in found if not msgstr]
    assert untranslated == []


def test_no_translation_is_marked_fuzzy() -> None:
    assert [msgid for msgid, _, fuzzy in entries() if fuzzy] == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_the_shipped_catalogue_matches_its_source(tmp_path: Path) -> None:
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(compiled), str(LOCALE / "django.po")], check=True)
    with compiled.open("rb") as fresh, (LOCALE / "django.mo").open("rb") as shipped:
        assert gettext.GNUTranslations(fresh)._catalog == gettext.GNUTranslations(shipped)._catalog  # type: ignore[attr-defined]


def test_no_string_is_translated_inside_an_f_string() -> None:
    """The catalogue's extraction does not look inside f-strings: ``f"{_('Join')} …"`` stays
    English on a Chinese page. Whole sentences with named placeholders are translated instead."""
    inside = re.compile(r"""f(["'])[^"'\n]*\{\s*(_|gettext|pgettext|ngettext)\(""")
    found = [
        f"{path}:{number}"
        for path in sorted((Path(__file__).resolve().parent.parent / "powerdesk").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if inside.search(line)
    ]
    assert found == []
