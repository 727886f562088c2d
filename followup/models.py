"""The core domain: users, companies, contacts, interviews and the people met at each."""

import datetime as dt
import zoneinfo
from typing import ClassVar, TypeVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from followup import limits


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A job seeker. Email is the login; the rest shapes their letters and reminders."""

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC")
    country = models.CharField(
        max_length=2, blank=True, help_text="Public holidays of this country never get a follow-up."
    )
    signature = models.TextField(
        blank=True,
        max_length=limits.SIGNATURE,
        help_text="Sign-off lines under your name: phone, LinkedIn, address for printed letters.",
    )

    # Reminder preferences.
    reminders_enabled = models.BooleanField("email me reminders", default=True)
    thank_you_delay_minutes = models.PositiveIntegerField(
        "thank-you reminder delay (minutes after the interview ends)",
        default=120,
        validators=[MaxValueValidator(24 * 60)],
    )
    follow_up_after_decision_days = models.PositiveSmallIntegerField(
        "follow up this many business days after the decision date",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    follow_up_after_interview_days = models.PositiveSmallIntegerField(
        "follow up this many business days after the interview (no decision date given)",
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    second_follow_up_days = models.PositiveSmallIntegerField(
        "second follow-up this many business days after the first",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    reminder_hour = models.PositiveSmallIntegerField(
        "hour of day for follow-up emails", default=9, validators=[MaxValueValidator(23)]
    )
    follow_up_digest = models.BooleanField("send follow-ups as one daily digest", default=False)
    # The secret part of the private calendar feed's address; null while the feed is off.
    calendar_token = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    onboarded_at = models.DateTimeField(null=True, blank=True, editable=False)

    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    # The fields a user edits on /settings/, in the order they are shown.
    PROFILE_FIELDS = ("full_name", "time_zone", "country", "signature")
    REMINDER_FIELDS = (
        "reminders_enabled",
        "thank_you_delay_minutes",
        "follow_up_after_decision_days",
        "follow_up_after_interview_days",
        "second_follow_up_days",
        "reminder_hour",
        "follow_up_digest",
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(reminder_hour__lte=23), name="user_reminder_hour_in_day"),
        ]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split()[0] if self.full_name.strip() else self.email

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    @property
    def thank_you_delay(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.thank_you_delay_minutes)

    @property
    def needs_onboarding(self) -> bool:
        return self.onboarded_at is None


_M = TypeVar("_M", bound=models.Model)


class OwnedQuerySet(models.QuerySet[_M]):
    def owned_by(self, user: "User") -> "OwnedQuerySet[_M]":
        return self.filter(user=user)


class Company(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="companies")
    name = models.CharField(max_length=200)
    website = models.URLField(blank=True)
    notes = models.TextField(blank=True, max_length=limits.NOTES)
    # Moved by every save, so a save from a page opened before another one is refused, never lost.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "companies"
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint(Lower("name"), "user", name="company_name_unique_per_user"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("companies:detail", args=[self.pk])


class Contact(models.Model):
    class Role(models.TextChoices):
        INTERVIEWER = "interviewer", "Interviewer"
        RECRUITER = "recruiter", "Recruiter"
        REFERRAL = "referral", "Referral"
        LEAD = "lead", "Lead"
        OTHER = "other", "Other"

    class AddressStyle(models.TextChoices):
        FORMAL = "formal", "Formally (Dear Dr. Singh)"
        FIRST_NAME = "first_name", "By first name (Dear Priya)"

    HONORIFICS = ["", "Dr.", "Ms.", "Mr.", "Mx.", "Mrs.", "Prof."]
    # Every field a user edits on a contact, in the order the form shows them.
    EDITABLE_FIELDS = (
        "name",
        "honorific",
        "title",
        "company",
        "email",
        "phone",
        "linkedin_url",
        "role",
        "address_style",
        "notes",
    )

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contacts")
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    honorific = models.CharField(
        max_length=10, blank=True, choices=[(h, h or "None") for h in HONORIFICS], default=""
    )
    title = models.CharField("job title", max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=50, blank=True)
    linkedin_url = models.URLField("LinkedIn URL", blank=True)
    role = models.CharField(
        "how you know them", max_length=20, choices=Role.choices, default=Role.INTERVIEWER
    )
    address_style = models.CharField(
        "how they like to be addressed",
        max_length=20,
        choices=AddressStyle.choices,
        default=AddressStyle.FORMAL,
    )
    notes = models.TextField(blank=True, max_length=limits.NOTES)
    # Moved by every save, so a save from a page opened before another one is refused, never lost.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name")]
        indexes = [models.Index(fields=["user", "company"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("contacts:detail", args=[self.pk])


class Interview(models.Model):
    class Format(models.TextChoices):
        PHONE = "phone", "Phone"
        VIDEO = "video", "Video"
        ONSITE = "onsite", "On-site"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        AWAITING_REPLY = "awaiting_reply", "Awaiting reply"
        REPLY_RECEIVED = "reply_received", "Reply received"
        NEXT_ROUND = "next_round", "Next round"
        OFFER = "offer", "Offer"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"
        CANCELLED = "cancelled", "Cancelled"

    # Statuses in which the process is still waiting on the employer; any other ends follow-ups.
    OPEN_STATUSES = (Status.SCHEDULED, Status.AWAITING_REPLY)
    # What the user records once the interview has happened (the status buttons offer these).
    AFTER_INTERVIEW_STATUSES = (
        Status.AWAITING_REPLY,
        Status.REPLY_RECEIVED,
        Status.NEXT_ROUND,
        Status.OFFER,
        Status.REJECTED,
        Status.WITHDRAWN,
    )

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interviews")
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="interviews")
    role = models.CharField("role applied for", max_length=200)
    round = models.CharField(max_length=100, blank=True, help_text="For example: first round, final panel.")
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.VIDEO)
    starts_at = models.DateTimeField("start")
    ends_at = models.DateTimeField("end")
    location = models.CharField("location or link", max_length=500, blank=True)
    # The texts that feed letters are limited to what a letter can carry (followup/limits.py).
    topics = models.TextField("topics discussed", blank=True, max_length=limits.LETTER_NOTE)
    missed_point = models.TextField(
        "the point you did not get to make", blank=True, max_length=limits.LETTER_NOTE
    )
    why_role = models.TextField("why you want this role", blank=True, max_length=limits.LETTER_NOTE)
    contribution = models.TextField("how you would contribute", blank=True, max_length=limits.LETTER_NOTE)
    decision_date = models.DateField("decision expected by", null=True, blank=True)
    since_we_spoke = models.TextField(
        "since we spoke",
        blank=True,
        max_length=limits.LETTER_NOTE,
        help_text="Something new since the interview, for your first follow-up: a link to a sample, a piece "
        "of news, a thought on a problem they raised.",
    )
    notes = models.TextField(blank=True, max_length=limits.NOTES)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    contacts: "models.ManyToManyField[Contact, Participant]" = models.ManyToManyField(
        Contact, through="Participant", related_name="interviews"
    )
    # Moved by every change to the interview, its people or what was discussed with them (a status
    # click too), so an edit page opened before any of them cannot save over it.
    version = models.PositiveIntegerField(default=1, editable=False)
    # The calendar invite it was recorded from (its UID, with the start for one occurrence of a series)
    # and that invite's SEQUENCE, so importing it again opens this interview and an update can move it.
    invite_uid = models.CharField(max_length=300, blank=True, default="", editable=False)
    invite_sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="interview_ends_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["user", "-starts_at"]),
            # The interviews page finds a user's upcoming interviews by their end (followup.selectors).
            models.Index(fields=["user", "ends_at"], name="interview_user_ends_idx"),
            models.Index(
                fields=["user", "invite_uid"], condition=~Q(invite_uid=""), name="interview_invite_uid_idx"
            ),
        ]

    def __str__(self):
        return f"{self.role} at {self.company.name}" if self.company_id else self.role

    def get_absolute_url(self) -> str:
        return reverse("interviews:detail", args=[self.pk])

    def has_ended(self, now: dt.datetime) -> bool:
        return self.ends_at <= now

    def current_status(self, now: dt.datetime) -> str:
        """The stored status, except that a scheduled interview awaits a reply once it has ended."""
        if self.status == self.Status.SCHEDULED and self.has_ended(now):
            return self.Status.AWAITING_REPLY
        return self.status

    def current_status_label(self, now: dt.datetime) -> str:
        return self.Status(self.current_status(now)).label

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    # A thank-you still unsent this long after the end shows as overdue.
    THANK_YOU_OVERDUE_AFTER = dt.timedelta(hours=24)

    def thank_you_overdue(self, now: dt.datetime) -> bool:
        return self.has_ended(now) and now - self.ends_at > self.THANK_YOU_OVERDUE_AFTER


class Participant(models.Model):
    """A person met at an interview, and what was discussed with them."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="participants")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="participations")
    discussed = models.TextField("what you discussed with them", blank=True, max_length=limits.LETTER_NOTE)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "contact"], name="participant_once_per_interview"),
        ]

    def __str__(self):
        return f"{self.contact} at {self.interview}"


class Heartbeat(models.Model):
    """When a periodic process last proved it is alive (beat, through the worker)."""

    name = models.CharField(max_length=50, primary_key=True)
    beat_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} at {self.beat_at:%Y-%m-%d %H:%M:%S}"


class DataStamp(models.Model):
    """A number that moves whenever anything a user's pages show changes: their cached pages' key.

    Database triggers move it (followup/data_stamp.py), at commit, for every insert, update and delete on
    the user's rows, so no write path (bulk updates and raw SQL included) can leave a cached page behind.
    `user_id` is a plain number, not a foreign key: a deleted user's rows fire the trigger after the user
    is gone.
    """

    user_id = models.BigIntegerField(primary_key=True)
    version = models.BigIntegerField(default=0)

    def __str__(self):
        return f"user {self.user_id} at {self.version}"
