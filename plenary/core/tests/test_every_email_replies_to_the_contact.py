"""Every e-mail plenary sends carries Reply-To the track's contact person: each call that queues a
templated e-mail names its track (queue_templated_email then sets Reply-To to the track's contact,
or to an address of the contact's mailbox that the reply receiver reads), and each direct
queue_email call names its reply_to. Read from the source, so that a new e-mail cannot forget it."""

import ast
from pathlib import Path

import plenary

ROOT = Path(plenary.__file__).parent


def queueing_calls():
    for path in sorted(ROOT.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts or path.name == "outbox.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in ("queue_templated_email", "queue_email"):
                    keywords = {keyword.arg for keyword in node.keywords}
                    yield f"{path.relative_to(ROOT)}:{node.lineno}", name, keywords


def test_every_queued_email_names_its_track_or_its_reply_to():
    calls = list(queueing_calls())
    assert len(calls) >= 10
    forgetful = [
        where
        for where, name, keywords in calls
        if not ({"track"} if name == "queue_templated_email" else {"reply_to"}) <= keywords
    ]
    assert forgetful == []
