import pytest

from plenary.invitations import demo


@pytest.fixture
def letter_template(igf_track):
    return demo.load()


@pytest.fixture
def letter_template_committed(igf_demo_committed):
    return demo.load()


@pytest.fixture
def without_french_body(request):
    """The demo letter without its French body, so France (French, then English) has a problem."""
    name = (
        "letter_template_committed"
        if "letter_template_committed" in request.fixturenames
        else "letter_template"
    )
    template = request.getfixturevalue(name)
    template.body = {code: text for code, text in template.body.values.items() if code != "fr"}
    template.save(update_fields=["body"])
    return template
