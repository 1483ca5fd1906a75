"""A learned veto of the rules' urgent, for calm look-alikes: a note the rules call urgent that
people would call calm ("谢谢你们把断线处理了", "问一下电线掉地上人该咋办", "建议雨季前查一下杆子").

The rules hear a danger or a medical need by its words and read its context (denied, feared,
past, in thanks) by words too; a calm note in words they do not know stays urgent. The veto is
the detector's kind of model (character 1–4-grams, a logistic regression), trained only on the
notes of the hands the rules call urgent, labelled by the hands: urgent, or calm. It lowers the
rules' urgent only

- where the note has words of context around what the rules heard (``has_context``: thanks, a
  time past, a question, a condition, a fear, hearsay, an idea; or a danger the rules themselves
  read as only spoken of): a plain danger or need told as here and now ("电线断了掉在地上",
  "家里老人用制氧机，停电了") is never lowered, however sure the model;
- and when it is very sure: at a probability above every urgent note of the training hands it
  was shown out of fold (five folds of hands), plus ``MARGIN``.

The five folds hold out whole hands, each hand's fold from a stable hash of its name
(``calibration.hashed_folds``, since the forty-sixth round), so that neither a change of the rules
(which moves notes in and out of the veto's training) nor a hand added (which moves no other
hand) changes which hands are held out together. Dealt by size (scikit-learn's ``GroupKFold``,
until the thirty-eighth round), the fifteen calm notes the thirty-seventh round's rules stopped
calling urgent (of 7,152) gave every one of the 67 hands other fold-mates, and the threshold moved
with the surest urgent note out of fold (0.947 → 0.954): the retrained veto left urgent a calm
note of the twentieth set and one of the twenty-fifth that it had lowered. Dealt by name in turn
(``calibration.hand_folds``, until the forty-fifth round), a hand's name sorted among the others
moved every hand after it one fold on (``hand69``: ``hand7``-``hand9`` and ``third``). Left out by
six folds of whole hands, by name and by size alike lower no urgent note (0 of 2,004) and about
as many calm ones (101 and 106 of 372; DATA_CARD.md, "Thirty-eighth round"). Whole hands, not
notes, are held out: the threshold is to be above every urgent note of a writer the veto has not
read.

A lowered note is read as the rules read a danger only spoken of: calm, the model's hazard call
and the detector silenced with it (``calmed``). Left out by folds of whole hands (DATA_CARD.md,
"Twenty-second round") it calmed 38 of the 275 calm notes the rules make urgent and none of the
4,457 urgent ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from powerdesk.servicedesk.understanding import context_words as words
from powerdesk.servicedesk.understanding.detector import UrgencyDetector, _fit
from powerdesk.servicedesk.understanding.urgency import Findings

__all__ = ["FOLDS", "MARGIN", "CalmVeto", "calmed", "has_context"]

# How far above the surest urgent note of the hands left out the veto must be.
MARGIN = 0.03
# The veto is never surer than this needs to be to act (a fold with few calm notes).
LEAST = 0.5
# The folds of hands its threshold is chosen on (``CalmVeto.fit``).
FOLDS = 5
# Words of context: thanks, a time past, a question, a condition, hearsay, an enquiry or an
# idea, a case in general, a fear, a grievance about what happened, a correction.
_CONTEXT = re.compile(
    "|".join(
        (
            words.THANKS,
            words.PRAISE,
            words.PAST,
            words.LONG_AGO,
            words.QUESTION,
            words.CONDITION,
            words.HEARSAY,
            words.INQUIRY,
            words.IN_GENERAL,
            r"怕|担心|投诉|赔|不是|其实|原来",
        )
    )
)


def has_context(found: Findings, text: str) -> bool:
    """Whether the note (read as the model reads it) says something around what the rules heard
    that may make it calm; without, the veto never acts.

    >>> from powerdesk.servicedesk.understanding.urgency import findings
    >>> has_context(findings("电线断了掉在地上"), "电线断了掉在地上")
    False
    >>> has_context(findings("谢谢你们把断线处理了"), "谢谢你们把断线处理了")
    True
    """
    return bool(found.spoken_of) or bool(_CONTEXT.search(text))


def calmed(found: Findings) -> Findings:
    """``found`` as the rules read a danger only spoken of: what they heard there now is kept as
    spoken of, nothing is there now."""
    heard = found.spoken_of + found.dangers + (("medical need",) if found.medical else ())
    return replace(found, dangers=(), medical=False, spoken_of=tuple(dict.fromkeys(heard)))


class CalmVeto(UrgencyDetector):
    """The probability that a note the rules call urgent is calm; ``threshold``: from which it
    is lowered (with ``has_context``)."""

    @classmethod
    def fit(
        cls,
        texts: Sequence[str],
        calm: Sequence[bool],
        hands: Sequence[str],
        context: Sequence[bool],
    ) -> CalmVeto | None:
        """Fit on notes the rules call urgent (read as the model reads them), ``calm`` as their
        writers labelled them; the threshold from ``FOLDS`` folds of whole ``hands``, each hand's
        by a hash of its name (``calibration.hashed_folds``): above every urgent note with
        ``context`` out of fold, plus
        ``MARGIN``. ``None`` when there is too little to learn from (fewer than ``FOLDS`` hands,
        or no calm or no urgent note)."""
        import numpy as np

        from powerdesk.servicedesk.understanding.calibration import hashed_folds, held_out_by_hand

        y = np.asarray(calm, dtype=int)
        if len(set(hands)) < FOLDS or len(set(y.tolist())) < 2:
            return None
        w = np.ones(len(y))
        out_of_fold = np.zeros(len(y))
        for fit, held in held_out_by_hand(hands, folds=FOLDS, dealt=hashed_folds):
            vectorizer, model = _fit([texts[i] for i in fit], y[fit], w[fit])
            held_texts = [texts[i] for i in held]
            out_of_fold[held] = model.predict_proba(vectorizer.transform(held_texts))[:, 1]
        urgent = (y == 0) & np.asarray(context, dtype=bool)
        surest = float(out_of_fold[urgent].max()) if urgent.any() else 0.0
        threshold = max(LEAST, surest + MARGIN)
        lowered = (out_of_fold >= threshold) & np.asarray(context, dtype=bool)
        figures = {
            "threshold": threshold,
            "calm": int((y == 1).sum()),
            "urgent": int((y == 0).sum()),
            "calm_lowered": int((lowered & (y == 1)).sum()),
        }
        vectorizer, model = _fit(list(texts), y, w)
        return cls(vectorizer, model, threshold, figures)

    def lowers(self, texts: Sequence[str]) -> list[bool]:
        """Whether each note (the rules call it urgent, with words of context) is lowered."""
        return [bool(p >= self.threshold) for p in self.probabilities(texts)]
