"""An application whose endorsement is still pending when the selection runs: the run, the decision
e-mail and the applicant's page all say that the endorsement had not been received in time."""

import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse as django_reverse
from django.utils import translation
from django.utils.html import strip_tags

from plenary.core.models import OutboxMessage, Role
from plenary.core.testing import make_user
from plenary.funding import services
from plenary.funding.models import SelectionRun
from plenary.funding.tests import factories
from plenary.funding.tests.test_services import scored

pytestmark = pytest.mark.django_db


def reverse(name, language="en", **kwargs):
    with translation.override(language):
        return django_reverse(name, kwargs=kwargs)


def cells(page, pk):
    """The text of each cell of the run table's row for application `pk`."""
    row = re.search(rf"<tr><td>{pk}</td>(.*?)</tr>", page, re.S).group(1)
    return [unescape(strip_tags(cell)).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]


def checks(page):
    """The rules checked on the applicant's funding page, as read aloud."""
    items = re.findall(r'<li class="check[^"]*">(.*?)</li>', page, re.S)
    texts = [unescape(strip_tags(item)).replace("…", "").replace("✗", "") for item in items]
    return [re.sub(r"\s+", " ", text).strip() for text in texts]


@pytest.fixture
def pending(igf_track):
    """A call whose decisions are sent with one applicant still awaiting the secretariat's endorsement."""
    call = factories.call(igf_track)
    person = factories.mp("HTI", track=igf_track)
    person.user = make_user("mp@parliament.ht.example.org", Role.DELEGATE, person.parliament)
    person.save(update_fields=["user"])
    application = factories.applied(call, person, language="ar", endorse=False)
    funded = scored(call, factories.mp("NPL", track=igf_track), "8")
    secretariat = make_user("sec@example.org", Role.SECRETARIAT)
    return call, application, funded, person, secretariat


def test_the_selection_page_warns_of_applications_awaiting_endorsement(client, pending):
    call, _application, _funded, _person, secretariat = pending
    client.force_login(secretariat)
    page = client.get(reverse("funding:selection", call=call.pk)).content.decode()
    warning = re.search(r'<p class="message message--warning">(.*?)</p>', page, re.S).group(1)
    assert unescape(strip_tags(warning)) == (
        "1 application still awaits its parliament's endorsement: a run now leaves it out as not "
        "eligible, and sending the decisions refuses it. Endorse applications"
    )
    arabic = client.get(reverse("funding:selection", "ar", call=call.pk)).content.decode()
    warning = re.search(r'<p class="message message--warning">(.*?)</p>', arabic, re.S).group(1)
    assert unescape(strip_tags(warning)) == (
        "طلب واحد لا يزال ينتظر تأييد برلمانه: تستبعده عملية تُجرى الآن لعدم الأهلية، ويُرفض عند "
        "إرسال القرارات. تأييد الطلبات"
    )


def test_the_run_lists_the_pending_endorsement_as_the_reason(client, pending):
    call, application, funded, _person, secretariat = pending
    client.force_login(secretariat)
    client.post(reverse("funding:selection", call=call.pk), {})
    run = SelectionRun.objects.get(call=call)
    assert run.ineligible == [{"key": str(application.pk), "checks": ["endorsement"]}]
    page = client.get(reverse("funding:run", pk=run.pk)).content.decode()
    assert cells(page, funded.pk)[3:] == ["2700", "funded", "", "–"]
    assert cells(page, application.pk) == [
        "Member HTI " + application.person.family_name.split(" ")[1],
        "Haiti",
        "–",
        "–",
        "–",
        "not eligible: the parliament's endorsement was still pending",
        "–",
    ]
    arabic = client.get(reverse("funding:run", "ar", pk=run.pk)).content.decode()
    assert cells(arabic, application.pk)[5] == "غير مؤهل: كان تأييد البرلمان لا يزال معلقًا"


def test_the_decision_and_the_applicants_page_say_the_endorsement_was_not_received(client, pending):
    call, application, _funded, person, secretariat = pending
    run = services.run_selection(call=call, actor=secretariat)
    services.apply_run(run=run, actor=secretariat, before_close=True)
    application.refresh_from_db()
    assert application.status == "not_selected"
    body = OutboxMessage.objects.get(dedupe_key=f"funding-{application.pk}-not_selected").body
    assert [line for line in body.split("\n") if line][2:4] == [
        "القواعد التي لا يستوفيها:",
        "- لم يكن تأييد برلمانك للطلب قد وصل عند إجراء الاختيار.",
    ]

    client.force_login(person.user)
    arabic = client.get(reverse("funding:calls", "ar", track=call.track.slug)).content.decode()
    assert checks(arabic)[-1] == "غير مستوفى: لم يكن تأييد برلمانك للطلب قد وصل عند إجراء الاختيار."
    english = client.get(reverse("funding:calls", track=call.track.slug)).content.decode()
    assert checks(english)[-1] == (
        "Not met: Your parliament's endorsement had not been received by the time of the selection."
    )
    assert "Waiting for the secretariat to endorse it" not in english


def test_a_refused_application_is_no_longer_endorsed(client, pending):
    call, application, _funded, _person, secretariat = pending
    run = services.run_selection(call=call, actor=secretariat)
    services.apply_run(run=run, actor=secretariat, before_close=True)
    with pytest.raises(ValidationError) as refused:
        services.endorse(application=application, actor=secretariat)
    assert refused.value.messages == [
        "The decision on this application has been sent: it can no longer be endorsed."
    ]
    application.refresh_from_db()
    assert (application.is_endorsed, application.status) == (False, "not_selected")
    client.force_login(secretariat)
    page = client.get(reverse("funding:endorsements", call=call.pk)).content.decode()
    row = re.search(rf"<tr><td>{re.escape(str(application.person))}</td>(.*?)</tr>", page, re.S).group(1)
    assert [unescape(strip_tags(cell)).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)] == [
        "Haiti",
        "the secretariat (no focal point)",
        "Not selected",
        "–",
    ]
