"""The difference between two versions: which paragraphs were added, removed, moved or changed,
and, inside a changed paragraph, which words. Text is compared as a sequence of words, spaces and
punctuation (Chinese character by character), so the same engine reads Arabic and English."""

import difflib
import re
from dataclasses import dataclass, field

TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]|\w+|\s+|[^\w\s]")


def tokenise(text: str) -> list[str]:
    return TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """[(op, text)] with op one of "equal", "delete", "insert"; a replacement is delete then insert."""
    a, b = tokenise(old), tokenise(new)
    ops: list[tuple[str, str]] = []

    def add(op, tokens):
        text = "".join(tokens)
        if not text:
            return
        if ops and ops[-1][0] == op:
            ops[-1] = (op, ops[-1][1] + text)
        else:
            ops.append((op, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("equal", a[i1:i2])
        else:
            add("delete", a[i1:i2])
            add("insert", b[j1:j2])
    return ops


@dataclass
class ParagraphChange:
    key: object
    old_number: int | None
    new_number: int | None
    old_text: str
    new_text: str
    moved: bool = False
    words: list[tuple[str, str]] = field(default_factory=list)

    @property
    def added(self) -> bool:
        return self.old_number is None

    @property
    def removed(self) -> bool:
        return self.new_number is None

    @property
    def changed(self) -> bool:
        return not self.added and not self.removed and self.old_text != self.new_text

    @property
    def kinds(self) -> list[str]:
        if self.added:
            return ["added"]
        if self.removed:
            return ["removed"]
        kinds = ["moved"] if self.moved else []
        return kinds + (["changed"] if self.changed else []) or ["unchanged"]


def diff_paragraphs(old: list[tuple], new: list[tuple]) -> list[ParagraphChange]:
    """Compare two ordered lists of (key, number, text); keys are paragraph identities.

    The result follows the new order; a removed paragraph comes right after the one it followed.
    A paragraph is "moved" when it is not on the longest run of paragraphs kept in the same order.
    """
    old_by_key = {key: (number, text) for key, number, text in old}
    new_keys = {key for key, _number, _text in new}
    common_old = [key for key, _n, _t in old if key in new_keys]
    common_new = [key for key, _n, _t in new if key in old_by_key]
    in_order = set()
    for block in difflib.SequenceMatcher(None, common_old, common_new, autojunk=False).get_matching_blocks():
        in_order.update(common_old[block.a : block.a + block.size])

    removed_after: dict[object, list[ParagraphChange]] = {}
    anchor = None
    for key, number, text in old:
        if key in new_keys:
            anchor = key
        else:
            removed_after.setdefault(anchor, []).append(ParagraphChange(key, number, None, text, ""))

    changes = list(removed_after.get(None, []))
    for key, number, text in new:
        if key not in old_by_key:
            changes.append(ParagraphChange(key, None, number, "", text))
            continue
        old_number, old_text = old_by_key[key]
        change = ParagraphChange(key, old_number, number, old_text, text, moved=key not in in_order)
        if change.changed:
            change.words = word_diff(old_text, text)
        changes.append(change)
        changes.extend(removed_after.get(key, []))
    return changes
