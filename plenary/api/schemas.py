"""What the API answers, described in its OpenAPI document. Passport data is never among it."""

import datetime as dt

from ninja import Schema

# A translated text: an object of the six UN languages, or one string with `?lang=`.
Translated = dict[str, str] | str


class TrackOut(Schema):
    slug: str
    name: Translated
    theme: Translated
    start_date: dt.date
    end_date: dt.date
    time_zone: str
    primary_language: str


class CountryOut(Schema):
    id: int
    iso3: str
    iso2: str
    m49: int | None
    name: Translated
    region: str
    sub_region: str
    un_regional_group: str
    is_un_member: bool
    is_ldc: bool
    is_lldc: bool
    is_sids: bool
    income_group: str


class ParliamentOut(Schema):
    id: int
    country: str
    name: Translated
    structure: str
    ipu_member: bool
    un_regional_group: str


class MemberOut(Schema):
    id: int
    given_name: str
    family_name: str
    kind: str
    role: str


class DelegationOut(Schema):
    id: int
    parliament: str
    response: str
    responded_at: dt.datetime | None
    members: list[MemberOut]


class CheckInOut(Schema):
    day: dt.date
    at: dt.datetime


class RegistrationOut(Schema):
    id: int
    reference: str
    status: str
    mode: str
    kind: str
    queue_number: int | None
    waiting_for: str
    language: str
    honorific: str
    given_name: str
    family_name: str
    name_arabic: str
    email: str
    parliament: str
    regional_group: str
    delegation: int
    nationality: str
    functions: str
    days: list[str]
    rejection_reason: str
    check_ins: list[CheckInOut]
    taken_by: list[str]
    photo: str | None
    created_at: dt.datetime
    changed_at: dt.datetime


class Page(Schema):
    next_cursor: str | None


class CountryPage(Page):
    items: list[CountryOut]


class ParliamentPage(Page):
    items: list[ParliamentOut]


class DelegationPage(Page):
    items: list[DelegationOut]


class RegistrationPage(Page):
    items: list[RegistrationOut]


class ReleaseOut(Schema):
    number: int
    name: str
    published_at: dt.datetime
    changelog: list
    programme: dict


class RejectIn(Schema):
    reason: str


class TakenIn(Schema):
    system: str


class TakenOut(Schema):
    reference: str
    system: str
    taken_at: dt.datetime
    already: bool


class CheckInIn(Schema):
    reference: str
    day: dt.date | None = None


class CheckInResult(Schema):
    reference: str
    day: dt.date
    at: dt.datetime
    already: bool
    message: str


class InvitationOut(Schema):
    id: int
    parliament: str
    reference: str
    status: str
    languages: list[str]
    created_at: dt.datetime
    queued_at: dt.datetime | None
    sent_at: dt.datetime | None
    delivered_at: dt.datetime | None
    failed_at: dt.datetime | None
    responded_at: dt.datetime | None


class InvitationPage(Page):
    items: list[InvitationOut]


class FundingCallOut(Schema):
    id: int
    title: Translated
    currency: str
    budget: int
    committed: int
    paid: int
    remaining: int
    max_funded: int | None
    opens_on: dt.date
    closes_on: dt.date
    covers_airfare: bool
    daily_allowance: int
    terminal_expenses: int
    partial_allowed: bool


class FundingCallPage(Page):
    items: list[FundingCallOut]


class LedgerEntryOut(Schema):
    id: int
    kind: str
    amount: int
    at: dt.datetime


class ApplicationOut(Schema):
    id: int
    call: int
    status: str
    given_name: str
    family_name: str
    gender: str
    parliament: str | None
    regional_group: str | None
    language: str
    itinerary: str
    nights: int
    requested: int
    score: str | None
    reserve_rank: int | None
    grant_amount: int | None
    grant_percent: int | None
    answer_by: dt.date | None
    paid: int
    currency: str
    ledger: list[LedgerEntryOut]
    taken_by: list[str]
    created_at: dt.datetime
    changed_at: dt.datetime


class ApplicationPage(Page):
    items: list[ApplicationOut]


class PaymentIn(Schema):
    amount: int


class PaymentOut(Schema):
    application: int
    entry: LedgerEntryOut
    paid: int
    grant_amount: int
    currency: str
    already: bool


class GrantTakenOut(Schema):
    application: int
    system: str
    taken_at: dt.datetime
    already: bool


class VersionOut(Schema):
    number: int
    status: str
    note: str
    published_at: dt.datetime
    comments_open_at: dt.datetime | None
    comments_close_at: dt.datetime | None
    adopted_at: dt.datetime | None


class ParagraphOut(Schema):
    number: int
    section: Translated
    source_language: str
    text: Translated
    translation_status: dict[str, str]


class ParagraphPage(Page):
    items: list[ParagraphOut]


class CommentOut(Schema):
    id: int
    paragraph: int
    stance: str
    text: str
    language: str
    author: str
    created_at: dt.datetime


class CommentPage(Page):
    items: list[CommentOut]


class AmendmentOut(Schema):
    id: int
    paragraph: int
    kind: str
    text: str
    language: str
    author: str
    created_at: dt.datetime
    status: str
    reason: str
    decided_at: dt.datetime | None
    taken_in: int | None


class AmendmentPage(Page):
    items: list[AmendmentOut]
