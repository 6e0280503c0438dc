import re
from pathlib import Path

import plenary

# `.status == "…"`, `.response != "…"` and the like: a template asks a model property or a rule instead.
STATUS_COMPARISON = re.compile(r"\.(status|response)\s*(==|!=)|\bstatus\s*(==|!=)\s*[\"']")


def test_no_template_compares_a_status():
    root = Path(plenary.__file__).parent
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.glob("*/templates/**/*"))
        if path.is_file()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if STATUS_COMPARISON.search(line)
    ]
    assert offenders == []
