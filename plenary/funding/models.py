from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenary.core.fields import TranslatedField
from plenary.core.storage import private_storage, unguessable_name
from plenary.directory.models import UNRegionalGroup
from plenary.funding.eligibility import DEFAULT_CATEGORIES, CountryCategory
from plenary.funding.endorsements import check_letter


def default_categories():
    return [category.value for category in DEFAULT_CATEGORIES]


def default_partial_levels():
    return [50]


class FundingCall(models.Model):
    """A track's call for travel funding; its row is also the budget ledger that services lock."""

    track = models.ForeignKey(
        "events.Track", verbose_name=_("track"), on_delete=models.PROTECT, related_name="funding_calls"
    )
    title = TranslatedField(_("title"), max_length=200)
    budget = models.PositiveIntegerField(_("budget"))
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    max_funded = models.PositiveSmallIntegerField(
        _("maximum number of funded people"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    opens_on = models.DateField(_("applications open"))
    closes_on = models.DateField(_("applications close"))
    covers_airfare = models.BooleanField(_("covers an economy-class airfare"), default=True)
    daily_allowance = models.PositiveIntegerField(_("daily subsistence allowance per night"), default=0)
    terminal_expenses = models.PositiveIntegerField(_("terminal expenses"), default=0)
    partial_allowed = models.BooleanField(_("partial funding allowed"), default=False)
    partial_levels = models.JSONField(
        _("partial grant levels (percentages of the full package)"),
        default=default_partial_levels,
        blank=True,
    )
    country_categories = models.JSONField(_("eligible country categories"), default=default_categories)
    requires_onsite_mp = models.BooleanField(
        _("only members of parliament with a confirmed onsite registration"), default=True
    )
    not_funded_editions = models.PositiveSmallIntegerField(
        _("not funded in the last N editions"), default=0, help_text=_("0: no such rule.")
    )
    requires_endorsement = models.BooleanField(_("the parliament must endorse the application"), default=True)
    per_parliament = models.PositiveSmallIntegerField(_("at most funded per parliament"), default=1)
    min_women_percent = models.PositiveSmallIntegerField(_("minimum share of women (%)"), default=40)
    region_limits = models.JSONField(
        _("minimum and maximum per UN regional group"),
        default=dict,
        blank=True,
        editable=False,
    )
    disagreement_threshold = models.DecimalField(
        _("reviewers disagree when their scores differ by more than"),
        max_digits=4,
        decimal_places=2,
        default=3,
    )
    answer_days = models.PositiveSmallIntegerField(
        _("days a delegate has to answer a grant offer"), default=14
    )
    reserve_stalled_at = models.DateTimeField(
        _("a declined grant could not be offered to the reserve list"), null=True, blank=True, editable=False
    )
    committed = models.PositiveIntegerField(_("committed"), default=0, editable=False)
    paid = models.PositiveIntegerField(_("paid"), default=0, editable=False)

    class Meta:
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")
        ordering = ["-opens_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="call_closes_after_it_opens"
            ),
            models.CheckConstraint(condition=Q(committed__lte=F("budget")), name="committed_within_budget"),
            models.CheckConstraint(condition=Q(paid__lte=F("committed")), name="paid_within_committed"),
            models.CheckConstraint(
                condition=Q(min_women_percent__lte=100), name="women_share_is_a_percentage"
            ),
        ]

    def __str__(self):
        return str(self.title)

    @property
    def translation_primary_language(self) -> str:
        return self.track.primary_language

    @property
    def remaining(self) -> int:
        return self.budget - self.committed

    def is_open(self, today) -> bool:
        return self.opens_on <= today <= self.closes_on

    def clean(self):
        limits = self.region_limits if isinstance(self.region_limits, dict) else None
        valid = limits is not None and all(
            group in UNRegionalGroup.values
            and isinstance(pair, list)
            and len(pair) == 2
            and all(value is None or (isinstance(value, int) and value >= 0) for value in pair)
            and (None in pair or pair[0] <= pair[1])
            for group, pair in limits.items()
        )
        if not valid:
            raise ValidationError(
                {
                    "region_limits": _(
                        "Each limit is a UN regional group of the directory with a minimum no greater "
                        "than its maximum."
                    )
                }
            )
        categories = self.country_categories if isinstance(self.country_categories, list) else None
        if not categories or not set(categories) <= set(CountryCategory.values):
            raise ValidationError(
                {
                    "country_categories": _("Choose among: %(codes)s.")
                    % {"codes": ", ".join(CountryCategory.values)}
                }
            )
        levels = self.partial_levels if isinstance(self.partial_levels, list) else None
        if levels is None or not all(isinstance(level, int) and 0 < level < 100 for level in levels):
            raise ValidationError(
                {"partial_levels": _("Partial levels are whole percentages between 1 and 99.")}
            )


class Criterion(models.Model):
    call = models.ForeignKey(FundingCall, on_delete=models.CASCADE, related_name="criteria")
    code = models.SlugField(_("code"), max_length=40)
    name = TranslatedField(_("name"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    max_points = models.PositiveSmallIntegerField(_("points from 0 to"), default=5)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["call", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "code"], name="criterion_code_once_per_call"),
            models.CheckConstraint(condition=Q(max_points__gte=1), name="criterion_has_points"),
        ]

    def __str__(self):
        return str(self.name)

    @property
    def translation_primary_language(self) -> str:
        return self.call.track.primary_language


def letter_upload_path(instance, filename):
    return unguessable_name(f"funding/{instance.call_id}/endorsements", "endorsement-letter.pdf")


class Application(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("application status", "Submitted")
        WITHDRAWN = "withdrawn", pgettext_lazy("application status", "Withdrawn")
        OFFERED = "offered", pgettext_lazy("application status", "Grant offered")
        ACCEPTED = "accepted", pgettext_lazy("application status", "Grant accepted")
        DECLINED = "declined", pgettext_lazy("application status", "Grant declined")
        RESERVE = "reserve", pgettext_lazy("application status", "On the reserve list")
        NOT_SELECTED = "not_selected", pgettext_lazy("application status", "Not selected")

    call = models.ForeignKey(FundingCall, on_delete=models.PROTECT, related_name="applications")
    person = models.ForeignKey(
        "directory.Person", verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="+"
    )
    language = models.CharField(_("language"), max_length=7, choices=settings.LANGUAGES, default="en")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    motivation = models.TextField(_("motivation"))
    committee_work = models.TextField(_("committee work on digital affairs"), blank=True)
    digital_committee = models.BooleanField(
        _("member of a committee on digital affairs / ICT"), default=False
    )
    previous_participation = models.TextField(_("previous participation in the forum"), blank=True)
    first_time = models.BooleanField(_("first-time participant"), default=False)
    contribution = models.CharField(
        _("expected contribution (speaker, rapporteur)"), max_length=300, blank=True
    )
    full_package = models.BooleanField(_("asks for the full package"), default=True)
    amount_asked = models.PositiveIntegerField(_("amount asked"), null=True, blank=True)
    itinerary = models.TextField(_("travel itinerary"))
    airfare_quote = models.PositiveIntegerField(_("economy airfare quote"))
    nights = models.PositiveSmallIntegerField(_("nights"))
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    endorsed_at = models.DateTimeField(_("endorsed at"), null=True, blank=True)
    endorsement_letter = models.FileField(
        _("endorsement letter"),
        upload_to=letter_upload_path,
        storage=private_storage,
        validators=[check_letter],
        blank=True,
    )
    score = models.DecimalField(_("average score"), max_digits=6, decimal_places=3, null=True, blank=True)
    review_count = models.PositiveSmallIntegerField(_("reviews"), default=0)
    disagreement = models.BooleanField(_("reviewers disagree"), default=False)
    grant_amount = models.PositiveIntegerField(_("grant"), null=True, blank=True)
    grant_percent = models.PositiveSmallIntegerField(
        _("grant (percentage of the full package)"), null=True, blank=True
    )
    answer_by = models.DateField(_("answer the offer by"), null=True, blank=True)
    reserve_rank = models.PositiveIntegerField(_("place on the reserve list"), null=True, blank=True)
    paid = models.PositiveIntegerField(_("paid"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("funding application")
        verbose_name_plural = _("funding applications")
        ordering = ["call", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "person"], name="one_application_per_person_per_call"),
            models.UniqueConstraint(fields=["call", "reserve_rank"], name="reserve_rank_unique_per_call"),
            models.CheckConstraint(
                condition=Q(full_package=True) | Q(amount_asked__isnull=False), name="partial_ask_has_amount"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["offered", "accepted"]) | Q(grant_amount__isnull=False),
                name="offer_has_amount",
            ),
            models.CheckConstraint(
                condition=Q(paid__lte=F("grant_amount")) | Q(paid=0), name="application_paid_within_grant"
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.call}"

    def save(self, *args, update_fields=None, **kwargs):
        """Every save marks the application changed, those naming their fields included, so that
        other systems asking for what changed since their last visit miss nothing."""
        if update_fields is not None:
            update_fields = {*update_fields, "updated_at"}
        super().save(*args, update_fields=update_fields, **kwargs)

    @property
    def is_offered(self) -> bool:
        """A grant is offered and waits for the applicant's answer."""
        return self.status == self.Status.OFFERED

    @property
    def is_grant_accepted(self) -> bool:
        return self.status == self.Status.ACCEPTED

    @property
    def is_endorsed(self) -> bool:
        return self.endorsed_at is not None or bool(self.endorsement_letter)

    @property
    def is_refused(self) -> bool:
        """The decision sent was a refusal: the application can no longer be endorsed."""
        return self.status == self.Status.NOT_SELECTED

    @property
    def full_cost(self) -> int:
        call = self.call
        airfare = self.airfare_quote if call.covers_airfare else 0
        return airfare + call.daily_allowance * self.nights + call.terminal_expenses

    @property
    def requested(self) -> int:
        if self.full_package or self.amount_asked is None:
            return self.full_cost
        return min(self.amount_asked, self.full_cost)


class Review(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    points = models.JSONField(_("points per criterion"), default=dict)
    total = models.DecimalField(_("weighted score (0-10)"), max_digits=6, decimal_places=3)
    comment = models.TextField(pgettext_lazy("review", "comment"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="one_review_per_reviewer")
        ]

    def __str__(self):
        return f"{self.application} / {self.reviewer}"


class SelectionRun(models.Model):
    """One optimisation: what went in, with which parameters, and what came out."""

    call = models.ForeignKey(FundingCall, on_delete=models.CASCADE, related_name="runs")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    inputs = models.JSONField(_("applicants"))
    params = models.JSONField(_("parameters"))
    status = models.CharField(_("solver status"), max_length=40)
    optimal = models.BooleanField(_("proven optimal"), default=False)
    grants = models.JSONField(_("grants"), default=dict)
    total_score = models.DecimalField(_("total score"), max_digits=14, decimal_places=5, default=0)
    rules = models.JSONField(_("rules that cannot be met together"), default=list)
    total_cost = models.PositiveIntegerField(_("total cost"), default=0)
    greedy_grants = models.JSONField(_("greedy baseline grants"), default=dict)
    greedy_score = models.DecimalField(_("greedy baseline score"), max_digits=14, decimal_places=5, default=0)
    greedy_rules = models.JSONField(_("rules the greedy baseline does not meet"), default=list)
    greedy_status = models.CharField(_("greedy baseline status"), max_length=40, blank=True)
    explanations = models.JSONField(_("explanations"), default=list)
    explained_at = models.DateTimeField(_("explanations computed"), null=True, blank=True)
    seconds = models.FloatField(_("solver time (s)"), default=0)
    applied_at = models.DateTimeField(_("decisions sent"), null=True, blank=True)
    ineligible = models.JSONField(_("applications left out for an eligibility rule"), default=list)

    class Meta:
        verbose_name = _("selection run")
        verbose_name_plural = _("selection runs")
        ordering = ["call", "-created_at", "-id"]

    def __str__(self):
        return f"{self.call} #{self.pk}"

    @property
    def status_display(self) -> str:
        labels = {
            "optimal": _("proven optimal"),
            "feasible": _("feasible, not proven optimal"),
            "infeasible": _("no selection satisfies every constraint"),
        }
        return str(labels.get(self.status, self.status))


class LedgerEntry(models.Model):
    """One movement on a call's budget: a grant committed or released, a payment."""

    class Kind(models.TextChoices):
        COMMIT = "commit", _("Committed")
        RELEASE = "release", _("Released")
        PAYMENT = "payment", _("Paid")

    call = models.ForeignKey(FundingCall, on_delete=models.PROTECT, related_name="ledger")
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="ledger")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    amount = models.PositiveIntegerField(_("amount"))
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.CharField(
        _("idempotency key"),
        max_length=100,
        blank=True,
        editable=False,
        help_text=_("Given by the system that recorded the payment: the same key records it once."),
    )

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["call", "at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="payment_recorded_once_per_key",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount}"
