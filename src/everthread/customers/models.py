"""Customer profiles and the contact points that recognise them."""

from __future__ import annotations

import datetime
import unicodedata
from typing import Any, ClassVar

from django.db import models
from django.utils import timezone

from everthread.core.models import Staff, Store, validate_time_zone
from everthread.customers.contact_points import ContactKind, contact_point_display


def name_key(text: str) -> str:
    """Case- and accent-free form of a name, for search and ordering."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


# What staff see and edit on a profile, and choose between when merging two.
PROFILE_FIELDS = (
    "given_name",
    "family_name",
    "preferred_name",
    "language",
    "time_zone",
    "date_of_birth",
    "postcode",
    "home_store",
    "advisor",
    "preferences",
    "tags",
)


class Customer(models.Model):
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100, blank=True)
    preferred_name = models.CharField(max_length=100, blank=True)
    language = models.CharField(max_length=16, blank=True, help_text="BCP 47 tag, e.g. en-GB.")
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text="Blank means the organisation's time zone.",
    )
    date_of_birth = models.DateField(null=True, blank=True)
    postcode = models.CharField(max_length=16, blank=True)
    home_store = models.ForeignKey(
        Store, null=True, blank=True, on_delete=models.SET_NULL, related_name="customers"
    )
    advisor = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.SET_NULL, related_name="clients"
    )
    preferences = models.JSONField(default=dict, blank=True)
    tags = models.JSONField(default=list, blank=True)
    # Set when this record was merged into another; kept, so the merge can be undone.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )
    # Set when the privacy officer erased this person: the row stays, anonymised, so counts
    # and history add up; nothing may contact them again.
    erased_at = models.DateTimeField(null=True, blank=True)
    # Derived from the names on every save: what search and ordering read.
    sort_key = models.CharField(max_length=210, editable=False, default="")
    search_text = models.CharField(max_length=310, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes: ClassVar = [models.Index(fields=["sort_key", "id"], name="customer_sort")]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_keys_set()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "sort_key", "search_text", "updated_at"}
        super().save(*args, **kwargs)

    def name_keys_set(self) -> None:
        """Derive sort_key and search_text from the names: save() does, and so must bulk writes."""
        self.sort_key = name_key(f"{self.family_name} {self.given_name}")
        self.search_text = name_key(f"{self.given_name} {self.preferred_name} {self.family_name}")

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)

    @property
    def greeting_name(self) -> str:
        return self.preferred_name or self.given_name


class ContactPoint(models.Model):
    """One way to reach or recognise a customer, stored in its normalised form."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="contact_points")
    kind = models.CharField(max_length=16, choices=ContactKind.choices)
    value = models.CharField(max_length=320, help_text="Normalised: E.164 phone, lower-case email.")
    label = models.CharField(max_length=40, blank=True, help_text="e.g. work, personal.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("kind", "id")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["kind", "value"], name="contact_point_one_owner"),
        ]
        indexes: ClassVar = [
            models.Index(fields=["customer", "kind"], name="contact_point_customer")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.display}"

    @property
    def display(self) -> str:
        return contact_point_display(self.kind, self.value)


class CustomerMerge(models.Model):
    """One merge of ``merged`` into ``survivor``, with what is needed to undo it exactly."""

    survivor = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="merges_kept")
    merged = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="merges_folded")
    merged_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    merged_at = models.DateTimeField(auto_now_add=True)
    # Both profiles as they were, and the primary keys of every row that moved, by model.
    snapshot = models.JSONField()
    undone_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-merged_at", "-id")

    def __str__(self) -> str:
        return f"{self.merged_id} into {self.survivor_id}"


class DuplicatePair(models.Model):
    """Two records `everthread dedupe` thinks are one person, waiting for a person to decide."""

    class Status(models.TextChoices):
        OPEN = "open", "To review"
        MERGED = "merged", "Merged"
        DISMISSED = "dismissed", "Not the same person"

    # Always the lower id first, so a pair is stored once whichever way it was found.
    customer_a = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="+")
    customer_b = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(help_text="Match probability, 0 to 1.")
    reasons = models.JSONField(default=list)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    found_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["customer_a", "customer_b"], name="duplicate_pair_once"
            ),
            models.CheckConstraint(
                condition=models.Q(customer_a__lt=models.F("customer_b")),
                name="duplicate_pair_ordered",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["status", "-score"], name="duplicate_pair_queue")]

    def __str__(self) -> str:
        return f"{self.customer_a_id} ~ {self.customer_b_id} ({self.score:.2f})"

    @property
    def customers(self) -> tuple[Customer, Customer]:
        return self.customer_a, self.customer_b


class CustomerImport(models.Model):
    """One CSV file of customers, from upload to summary. Its rows run as a background task."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", "Waiting to start"
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Importing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    # A running import commits a batch of rows every second or so; one not heard from for
    # this long has lost its worker, and may be resumed.
    STALLED_AFTER = datetime.timedelta(minutes=5)

    file_name = models.CharField(max_length=255)
    # In the database, not on a web server's disk: any worker on any machine can read it.
    content = models.TextField(
        help_text="The file as uploaded, decoded to text; emptied once it is imported."
    )
    delimiter = models.CharField(max_length=1, default=",")
    columns = models.JSONField(
        default=list, help_text="Each header in file order with the field it fills, or null."
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.UPLOADED)
    total_rows = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True, help_text="Why the import stopped, if it failed.")
    started_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(
        auto_now=True, help_text="The last sign of life: every batch of rows committed moves it."
    )
    runs = models.PositiveSmallIntegerField(
        default=0,
        help_text="How many times a worker has started it; only the latest may write progress.",
    )

    class Meta:
        ordering = ("-uploaded_at", "-id")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_stalled(self) -> bool:
        """Running, but its worker has not committed a batch for a while: it may have died."""
        return (
            self.status == self.Status.RUNNING
            and self.updated_at < timezone.now() - self.STALLED_AFTER
        )

    @property
    def percent_done(self) -> int:
        return 100 * self.rows_done // self.total_rows if self.total_rows else 100


class CustomerImportReject(models.Model):
    """A row an import refused: its cells as in the file, and the column and reason."""

    customer_import = models.ForeignKey(
        CustomerImport, on_delete=models.CASCADE, related_name="rejects"
    )
    row = models.PositiveIntegerField(help_text="As a spreadsheet numbers it: the header is 1.")
    field = models.CharField(max_length=255, blank=True, help_text="The column, as headed.")
    reason = models.TextField()
    values = models.JSONField(default=list)

    class Meta:
        ordering = ("customer_import", "row")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["customer_import", "row"], name="import_reject_once"),
        ]

    def __str__(self) -> str:
        return f"row {self.row}: {self.reason}"
