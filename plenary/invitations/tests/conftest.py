import pytest

from plenary.invitations import demo


@pytest.fixture
def letter_template(igf_track):
    return demo.load()


@pytest.fixture
def letter_template_committed(igf_demo_committed):
    return demo.load()
