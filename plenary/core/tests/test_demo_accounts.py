from plenary.core import demo_accounts


def test_the_demo_prints_the_login_address_of_this_site(db, settings):
    settings.SITE_URL = "http://127.0.0.1:8931"
    lines = demo_accounts.create()
    assert lines[0] == "Demo secretariat (back office): http://127.0.0.1:8931/en/accounts/login/"
