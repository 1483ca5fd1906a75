"""The evaluation sets of call notes: never trained on, never read to choose anything
(DATA_CARD.md). ``classify --eval`` reports them; the sealed ones wait for later rounds, and
nothing reports on them until a round's changes are done. Every note of every set there is
(``evaluation_texts``) is left out of training.
"""

from __future__ import annotations

import json

from powerdesk.servicedesk.understanding.notes import DATA

__all__ = ["EVALUATION_FILES", "SEALED", "SEALED_FILES", "evaluation_texts"]

# The evaluation sets: never trained on, never read to choose anything.
HELD_OUT = DATA / "eval_notes.jsonl"
# A fifth hand (another province's ways), written after the fourth set's safety misses were read
# and mended: the check of that mending (DATA_CARD.md).
FIFTH = DATA / "fifth_notes.jsonl"
FIFTH_JUNK = DATA / "fifth_junk.jsonl"
# A sixth hand (western Hunan and eastern Guizhou, a call centre's voice-to-text, old duty logs),
# written after the fifth set's figures were known: the check of what came after them.
SIXTH = DATA / "sixth_notes.jsonl"
SIXTH_JUNK = DATA / "sixth_junk.jsonl"
# A seventh and an eighth hand (north-eastern Yunnan; the Qinba mountains and the Three Gorges),
# written apart on the same terms while the sixth round was under way, and frozen on arrival:
# nobody in the project read them, and no summary of them was seen before the round ended.
SEVENTH = DATA / "seventh_notes.jsonl"
SEVENTH_JUNK = DATA / "seventh_junk.jsonl"
EIGHTH = DATA / "eighth_notes.jsonl"
EIGHTH_JUNK = DATA / "eighth_junk.jsonl"
# Sealed sets: a ninth and a tenth hand (western Yunnan; Guangxi and Guizhou), and an eleventh
# and a twelfth (the mountains of western Hubei and Hunan; Shanxi, Inner Mongolia and Hebei's
# Bashang), written apart on the same terms in December 2026 and frozen on arrival, kept for
# later rounds: nobody has read them and nothing reports on them until a round's changes are
# done (``classify --eval`` leaves them out). They are counted with the evaluation sets here so
# that no note of theirs is ever trained on.
SEALED = DATA / "sealed"
# A thirteenth and a fourteenth (Hainan's mountains and western Guangxi; Xinjiang's and the Hexi
# corridor's farms) were written apart and sealed at the end of the eighth round.
# A fifteenth and a sixteenth (southern Fujian and Chaoshan; the Dongting, Poyang and Jianghan
# lake plains) were written apart and sealed in the ninth round; a seventeenth and an eighteenth
# (the plains and coast of Liaoning and Jilin; the hills of the central Sichuan basin) in the tenth;
# a nineteenth and a twentieth (Hainan's countryside and islets and the Leizhou peninsula; Shaanxi's
# Guanzhong plain and the Qinling-Hanzhong basin) in the eleventh.
SEALED_NAMES = (
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "twentyfirst",
    "twentysecond",
    "twentythird",
    "twentyfourth",
    "twentyfifth",
    "twentysixth",
)
# The ninth and tenth were unsealed when the eighth round's changes were done, the eleventh and
# twelfth when the ninth round's were (DATA_CARD.md): they are evaluation sets now, as are the
# thirteenth to seventeenth and the twentieth (below); the eighteenth and nineteenth stay sealed
# for later rounds.
NINTH = SEALED / "ninth_notes.jsonl"
NINTH_JUNK = SEALED / "ninth_junk.jsonl"
TENTH = SEALED / "tenth_notes.jsonl"
TENTH_JUNK = SEALED / "tenth_junk.jsonl"
ELEVENTH = SEALED / "eleventh_notes.jsonl"
ELEVENTH_JUNK = SEALED / "eleventh_junk.jsonl"
TWELFTH = SEALED / "twelfth_notes.jsonl"
TWELFTH_JUNK = SEALED / "twelfth_junk.jsonl"
# The thirteenth and fourteenth were unsealed when the tenth round's changes were done.
THIRTEENTH = SEALED / "thirteenth_notes.jsonl"
THIRTEENTH_JUNK = SEALED / "thirteenth_junk.jsonl"
FOURTEENTH = SEALED / "fourteenth_notes.jsonl"
FOURTEENTH_JUNK = SEALED / "fourteenth_junk.jsonl"
# The fifteenth and sixteenth were unsealed when the eleventh round's changes were done.
FIFTEENTH = SEALED / "fifteenth_notes.jsonl"
FIFTEENTH_JUNK = SEALED / "fifteenth_junk.jsonl"
SIXTEENTH = SEALED / "sixteenth_notes.jsonl"
SIXTEENTH_JUNK = SEALED / "sixteenth_junk.jsonl"
# The seventeenth was unsealed when the twelfth round's changes were done.
SEVENTEENTH = SEALED / "seventeenth_notes.jsonl"
SEVENTEENTH_JUNK = SEALED / "seventeenth_junk.jsonl"
# The twentieth was unsealed when the sixteenth round's changes were done (the nineteenth, about
# Hainan as the hand ``hand25`` is, stays sealed).
TWENTIETH = SEALED / "twentieth_notes.jsonl"
TWENTIETH_JUNK = SEALED / "twentieth_junk.jsonl"
# A twenty-first (the tea hills of southern Anhui and western Zhejiang; no hand from there) was
# written apart in the seventeenth round and measured once on arrival with the model then shipped,
# before anyone read it; an evaluation set since.
TWENTYFIRST = SEALED / "twentyfirst_notes.jsonl"
TWENTYFIRST_JUNK = SEALED / "twentyfirst_junk.jsonl"
# A twenty-second (Liangshan and Panzhihua in south-west Sichuan: Yi and Han mountain villages; no
# hand from there) was written apart in the eighteenth round and measured once on arrival with the
# model then shipped, before anyone read it; an evaluation set since.
TWENTYSECOND = SEALED / "twentysecond_notes.jsonl"
TWENTYSECOND_JUNK = SEALED / "twentysecond_junk.jsonl"
# A twenty-third (southern Hunan: Yongzhou and Chenzhou, Yao and Han villages of the Nanling
# mountains; no hand from there) was written apart in the nineteenth round and measured once on
# arrival with the model then shipped, before anyone read it; an evaluation set since.
TWENTYTHIRD = SEALED / "twentythird_notes.jsonl"
TWENTYTHIRD_JUNK = SEALED / "twentythird_junk.jsonl"
# A twenty-fourth (the Daba and Micang mountains of north-eastern Sichuan: Bazhong, Dazhou,
# Guangyuan) was written apart in the twentieth round and measured once on arrival with the model
# then shipped, before anyone read it; an evaluation set since.
TWENTYFOURTH = SEALED / "twentyfourth_notes.jsonl"
TWENTYFOURTH_JUNK = SEALED / "twentyfourth_junk.jsonl"
# A twenty-fifth (the Tibetan highlands of western Sichuan: Ganzi and Aba) was written apart in the
# twenty-first round and measured once on arrival with the model then shipped, before anyone read
# it; an evaluation set since.
TWENTYFIFTH = SEALED / "twentyfifth_notes.jsonl"
TWENTYFIFTH_JUNK = SEALED / "twentyfifth_junk.jsonl"
# A twenty-sixth (the Jinsha valley and Wumeng mountains of north-eastern Yunnan: Zhaotong) was
# written apart in the twenty-second round and measured once on arrival with the model then
# shipped, before anyone read it; an evaluation set since.
TWENTYSIXTH = SEALED / "twentysixth_notes.jsonl"
TWENTYSIXTH_JUNK = SEALED / "twentysixth_junk.jsonl"
SEALED_FILES = tuple(
    SEALED / f"{name}_{part}.jsonl" for name in SEALED_NAMES for part in ("notes", "junk")
)
EVALUATION_FILES = (
    HELD_OUT,
    FIFTH,
    FIFTH_JUNK,
    SIXTH,
    SIXTH_JUNK,
    SEVENTH,
    SEVENTH_JUNK,
    EIGHTH,
    EIGHTH_JUNK,
    *SEALED_FILES,
)


def evaluation_texts() -> frozenset[str]:
    """The text of every note of every evaluation set there is (junk calls included), so that
    none is ever trained on."""
    texts = set()
    for path in EVALUATION_FILES:
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    texts.add(str(json.loads(line)["text"]).strip())
    return frozenset(texts)
