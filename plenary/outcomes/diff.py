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
    """[(op, text)] with op one of "equal", "delete", "insert"; a replacement is delete then insert.

    A lone space kept between two changes is folded into them, so a rewritten sentence reads as one
    deletion and one insertion rather than alternating words.
    """
    a, b = tokenise(old), tokenise(new)
    raw: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            raw.append(("equal", "".join(a[i1:i2])))
        else:
            raw.append(("delete", "".join(a[i1:i2])))
            raw.append(("insert", "".join(b[j1:j2])))
    ops: list[tuple[str, str]] = []
    pending = {"delete": "", "insert": ""}

    def flush():
        for op in ("delete", "insert"):
            if pending[op]:
                ops.append((op, pending[op]))
                pending[op] = ""

    for index, (op, text) in enumerate(raw):
        between_changes = (
            0 < index < len(raw) - 1 and raw[index - 1][0] != "equal" and raw[index + 1][0] != "equal"
        )
        if op == "equal" and not (text.isspace() and between_changes):
            flush()
            ops.append((op, text))
        elif op == "equal":
            pending["delete"] += text
            pending["insert"] += text
        else:
            pending[op] += text
    flush()
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
