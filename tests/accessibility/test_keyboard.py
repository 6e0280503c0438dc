"""The forms people must be able to complete without a mouse: the registration form, the delegation
page, a comment and an amendment, check-in and the funding application. Each is driven with Tab,
Space, Enter and typed text only; every focus stop must be seen (an outline or a box-shadow); and the
accessible name of each control is read from Chromium's accessibility tree and compared exactly."""

import pytest
from django.contrib.auth import get_user_model

from plenary.core.testing import chromium_page, log_in_page
from tests.accessibility import pages
from tests.accessibility.keyboard import Keyboard

pytestmark = pytest.mark.browser


def open_as(page, live_server, who: str | None, path: str) -> Keyboard:
    if who:
        log_in_page(page, live_server.url, get_user_model().objects.get(email=who))
    page.goto(live_server.url + path)
    return Keyboard(page)


def new_member_of_japan(demo):
    from plenary.core.demo_accounts import SECRETARIAT_EMAIL
    from plenary.directory.models import Person
    from plenary.registration import links, services
    from plenary.registration.models import Delegation

    person = Person.objects.create(
        given_name="Haruka", family_name="Sato", email="haruka.sato@example.org", parliament=demo.japan
    )
    member = services.add_member(
        delegation=Delegation.objects.get(track=demo.track, parliament=demo.japan),
        person=person,
        kind="mp",
        role="member",
        actor=get_user_model().objects.get(email=SECRETARIAT_EMAIL),
    )
    return links.member_token(member)


def test_registration_form_by_keyboard(demo, live_server):
    token = new_member_of_japan(demo)
    with chromium_page() as page:
        keys = open_as(page, live_server, None, f"/en/{pages.TRACK}/register/{token}/")
        assert keys.controls_in("#registration-form") == REGISTRATION_FORM
        keys.tab_to("combobox", "Gender: *")
        keys.type("Female")
        keys.tab_to("checkbox", "8 October 2023")
        keys.press("Space")
        keys.tab_to("checkbox", "9 October 2023")
        keys.press("Space")
        keys.tab_to("button", "Register")
        keys.submit()
        # Refused without the consent: the focus is on the summary of the errors, read first.
        assert page.evaluate("document.activeElement.id") == "error-summary"
        keys.tab_to("checkbox", CONSENT)
        keys.press("Space")
        keys.tab_to("button", "Register")
        keys.submit()
        assert (page.locator("#registration-status").inner_text(), keys.unseen_focus) == ("Confirmed", [])


def test_delegation_page_by_keyboard(demo, live_server):
    path = f"/en/{pages.TRACK}/delegations/{demo.japan.pk}/"
    with chromium_page() as page:
        keys = open_as(page, live_server, pages.FOCAL_POINT, path)
        assert keys.controls_in("main form.stacked-form") == NEW_MEMBER_FORM
        keys.tab_to("textbox", "Given names:")
        keys.type("Haruka")
        keys.tab_to("textbox", "Family name:")
        keys.type("Sato")
        keys.tab_to("textbox", "E-mail:")
        keys.type("haruka.sato@example.org")
        keys.tab_to("button", "Add to the delegation")
        keys.submit()
        assert page.locator(".messages li").all_inner_texts() == ["The member is added to the delegation."]
        assert keys.controls_in("#members") == MEMBER_BUTTONS
        keys.tab_to("button", "Send the registration link – Haruka Sato")
        keys.submit()
        assert page.locator(".messages li").all_inner_texts() == [
            "The registration link is on its way to haruka.sato@example.org."
        ]
        assert keys.unseen_focus == []


def test_comment_and_amendment_by_keyboard(demo, live_server):
    path = f"/en/{pages.TRACK}/outcome/v{demo.open_version.number}/"
    with chromium_page() as page:
        keys = open_as(page, live_server, pages.DELEGATE, path)
        assert keys.controls_in("#p1 form.comment-form") == COMMENT_FORM
        assert keys.controls_in("#p1 form.amendment-form") == AMENDMENT_FORM
        keys.tab_to("radio", "Support")
        keys.press("Space")
        keys.tab_to("textbox", "Comment:")
        keys.type("We support this paragraph.")
        keys.tab_to("button", "Send the comment")
        keys.submit()
        assert page.locator(".messages li").all_inner_texts() == ["Your comment on paragraph 1 is recorded."]
        keys.tab_to("textbox", "Proposed text:")
        keys.type("Parliaments met in Kyoto and agreed.")
        keys.tab_to("button", "Propose")
        keys.submit()
        assert page.locator(".messages li").all_inner_texts() == [
            "Your amendment to paragraph 1 is recorded."
        ]
        assert keys.unseen_focus == []


def test_check_in_by_keyboard(demo, live_server, monkeypatch):
    from plenary.registration import services

    monkeypatch.setattr(services, "venue_today", lambda track: track.start_date)
    path = f"/en/{pages.TRACK}/secretariat/check-in/"
    with chromium_page() as page:
        keys = open_as(page, live_server, pages.SECRETARIAT, path)
        assert keys.controls_in("#check-in-form") == [
            ("textbox", "Badge code or reference:"),
            ("button", "Check in"),
        ]
        assert keys.focused() == ("textbox", "Badge code or reference:")
        keys.type(demo.registration.reference)
        keys.tab_to("button", "Check in")
        keys.press("Enter")
        page.wait_for_selector("#check-result .check-result__message")
        message = page.locator("#check-result .check-result__message").inner_text()
        assert (message.rsplit(" ", 1)[0], keys.unseen_focus) == ("Already checked in at", [])


def test_funding_application_by_keyboard(demo, live_server):
    path = f"/en/{pages.TRACK}/funding/{demo.call.pk}/apply/"
    with chromium_page() as page:
        keys = open_as(page, live_server, pages.APPLICANT, path)
        assert keys.controls_in("main form") == FUNDING_APPLICATION
        keys.tab_to("textbox", "Motivation:")
        keys.type("I chair the committee on communications.")
        keys.tab_to("checkbox", "Member of a committee on digital affairs / ICT:")
        keys.press("Space")
        keys.tab_to("textbox", "Travel itinerary:")
        keys.type("Lilongwe – Addis Ababa – Osaka")
        keys.tab_to("spinbutton", "Economy airfare quote:")
        keys.type("2100")
        keys.tab_to("spinbutton", "Nights:")
        keys.type("5")
        keys.tab_to("button", "Submit the application")
        keys.submit()
        assert page.locator(".messages li").all_inner_texts() == ["Your application has been submitted."]
        assert keys.unseen_focus == []


CONSENT = "I have read the privacy notice and agree that my data is used for this event. *"
REGISTRATION_FORM = [
    ("combobox", "Language: *"),
    ("textbox", "Honorific:"),
    ("textbox", "Given names (as in the passport): *"),
    ("textbox", "Family name (as in the passport): *"),
    ("textbox", "Name in Arabic script:"),
    ("combobox", "Gender: *"),
    ("textbox", "E-mail: *"),
    ("combobox", "Nationality: *"),
    ("combobox", "Chamber:"),
    ("textbox", "Functions:"),
    ("textbox", "Committees:"),
    ("checkbox", "Sits on a committee on digital affairs / ICT"),
    ("radio", "Onsite, in the host city"),
    ("radio", "Online"),
    ("checkbox", "8 October 2023"),
    ("checkbox", "9 October 2023"),
    ("checkbox", "10 October 2023"),
    ("checkbox", "11 October 2023"),
    ("checkbox", "12 October 2023"),
    ("checkbox", "Arabic"),
    ("checkbox", "Simplified Chinese"),
    ("checkbox", "English"),
    ("checkbox", "French"),
    ("checkbox", "Russian"),
    ("checkbox", "Spanish"),
    ("textbox", "Accessibility needs:"),
    ("textbox", "Dietary needs:"),
    ("checkbox", "Needs a visa support letter"),
    ("Date", "Arrival:"),
    ("Date", "Departure:"),
    ("button", "Photo for the badge:"),
    ("checkbox", CONSENT),
    (
        "checkbox",
        "I agree that my name, parliament, functions and participation appear in the list of participants "
        "the secretariat publishes.",
    ),
    ("button", "Register"),
]
NEW_MEMBER_FORM = [
    ("combobox", "From the directory:"),
    ("textbox", "Given names:"),
    ("textbox", "Family name:"),
    ("textbox", "E-mail:"),
    ("combobox", "Language:"),
    ("combobox", "Is a:"),
    ("combobox", "Role in the delegation:"),
    ("button", "Add to the delegation"),
]
MEMBER_BUTTONS = [
    ("button", "Send the registration link – Hon. Demo President JPN"),
    ("button", "Withdraw the link – Hon. Demo President JPN"),
    ("button", "Send the registration link – Hon. Sample Speaker JPN"),
    ("button", "Withdraw the link – Hon. Sample Speaker JPN"),
    ("button", "Send the registration link – Haruka Sato"),
    ("button", "Remove – Haruka Sato"),
]
COMMENT_FORM = [
    ("radio", "Support"),
    ("radio", "Oppose"),
    ("radio", "Neutral"),
    ("textbox", "Comment:"),
    ("combobox", "Written in:"),
    ("button", "Send the comment"),
]
AMENDMENT_FORM = [
    ("combobox", "Amendment:"),
    ("textbox", "Proposed text:"),
    ("combobox", "Written in:"),
    ("button", "Propose"),
]
FUNDING_APPLICATION = [
    ("textbox", "Motivation:"),
    ("textbox", "Committee work on digital affairs:"),
    ("checkbox", "Member of a committee on digital affairs / ICT:"),
    ("textbox", "Previous participation in the forum:"),
    ("checkbox", "First-time participant:"),
    ("textbox", "Expected contribution (speaker, rapporteur):"),
    ("checkbox", "Asks for the full package:"),
    ("spinbutton", "Amount asked:"),
    ("textbox", "Travel itinerary:"),
    ("spinbutton", "Economy airfare quote:"),
    ("spinbutton", "Nights:"),
    ("button", "Submit the application"),
]
