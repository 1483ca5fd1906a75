"""A pole lying by the road as material, not fallen: new poles brought and laid down to be put
up ("电杆倒过来放在路边", "几根水泥杆倒在路边放着，还没立"). Such a pole's lying is no danger
(``readings._state`` reads it denied), unless the note tells a line with it, something live, or
something struck ("电杆倒在路边，线还连着", "倒下来压在车上")."""

from __future__ import annotations

import re

__all__ = ["laid_as_material"]

_c = re.compile
_POLE = r"电线杆|电杆|电线桩|线杆|杆子|水泥杆|木杆"
# The pole's own words end in a lying, not a leaning ("倒在", "倒起", "倒过来", "躺着").
_LYING = _c(rf"^({_POLE})[^，。,.!！?？]{{0,10}}(倒(在|起|着|放|过来|过去)|躺(在|着|起))$")
# …and after it, in the next few characters of its sentence, it is said to be put there to be
# put up: laid, stacked, brought, not yet stood up ("放在路边", "堆着", "拉来的", "还没立").
_LAID = _c(
    r"[^。!！?？]{0,14}?(放(在|着|起|了|那)|堆(在|着|起|了)|码(在|着|起|了)|摆(在|着)|搁(在|着|那)"
    r"|卸(在|了|下)|(拉|运|送)(来|过来)|(没|未|还没|还未)(立|竖|栽)|(要|准备|等着)(立|竖|栽)|备用|材料)"
)
# Nothing live, no line, nothing struck, no one hurt in the note; nothing left unheeded.
_LIVE = _c(
    r"(?<!电)线(?!杆|桩)|带电|有电|漏电|打火|火花|冒烟|着火|砸|伤|(压|倒)(在|到|着)[^，。,.]{0,4}(人|车|房|屋|墙)"
    r"|没人管|没人来"
)


def laid_as_material(text: str, match: re.Match[str]) -> bool:
    """The pole ``match`` names is lying as material: its words end in a lying, what follows says
    it was laid or brought there to be put up, and the note tells nothing live or struck.

    >>> import re
    >>> pole = re.compile(r"(电杆|水泥杆)倒(过来|在)")
    >>> note = "电杆倒过来放在路边"
    >>> laid_as_material(note, pole.search(note))
    True
    >>> note = "电杆倒过来放在路边，线还连着"
    >>> laid_as_material(note, pole.search(note))
    False
    >>> note = "电杆倒在路边了"
    >>> laid_as_material(note, pole.search(note))
    False
    """
    if not _LYING.search(match.group()):
        return False
    if not _LAID.match(text, match.end()):
        return False
    return not _LIVE.search(_c(_POLE).sub("", text))
