"""Consent columns in a customer import: Email, SMS and WhatsApp marketing, with the
wording, date and source that are their evidence (and an IP address for web forms).

A choice without its evidence rejects the row; each choice is recorded as a consent
event from the import, and importing the same file again records nothing more. A grant
for a customer whose objection to direct marketing stands rejects the row, as it would
on their page.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from typing import Any

from django.utils import timezone

from everthread.consent.errors import EvidenceMissing, InvalidConsent
from everthread.consent.ledger import standing_derive
from everthread.consent.models import WEB_SOURCES, ConsentChannel, ConsentEvent, Purpose, Source
from everthread.consent.selectors import consent_histories
from everthread.consent.services import (
    Evidence,
    ImportedConsent,
    ImportKey,
    consent_evidence_check,
    consent_import_key,
    consent_import_record,
)
from everthread.core.csv_files import header_key
from everthread.core.errors import ImportRowRefused
from everthread.core.models import Staff
from everthread.customers.csv_files import csv_date_read
from everthread.customers.import_columns import ColumnFor, ImportColumns, ImportColumnsBatch
from everthread.customers.models import Customer

Kind = ConsentEvent.Kind
CHOICE_FIELDS = {
    "consent_email_marketing": ConsentChannel.EMAIL,
    "consent_sms_marketing": ConsentChannel.SMS,
    "consent_whatsapp_marketing": ConsentChannel.WHATSAPP,
}
_EVIDENCE_FIELDS = {"source": "consent_source", "wording": "consent_wording"}
_EVIDENCE_FIELDS.update(occurred_at="consent_date", ip_address="consent_ip")

_ANSWERS = {
    Kind.GRANTED: "yes y true 1 granted grant optedin optin subscribed agreed consented",
    Kind.WITHDRAWN: "no n false 0 withdrawn withdraw optedout optout unsubscribed refused",
    Kind.SOFT_OPT_IN: "softoptin soft",
}
ANSWERS = {word: kind for kind, words in _ANSWERS.items() for word in words.split()}
_SOURCE_WORDS = {
    Source.WEB_FORM: "web website online webform signupform form",
    Source.IN_STORE: "store instore shop boutique",
    Source.STAFF_PHONE: "phone telephone call",
    Source.PURCHASE: "purchase checkout order",
}
SOURCES = {header_key(label): value for value, label in Source.choices}
SOURCES.update({header_key(value): value for value in Source.values})
SOURCES.update({word: source for source, words in _SOURCE_WORDS.items() for word in words.split()})


class ConsentColumns(ImportColumns):
    name = "consent"
    labels = {
        "consent_email_marketing": "Email marketing consent",
        "consent_sms_marketing": "SMS marketing consent",
        "consent_whatsapp_marketing": "WhatsApp marketing consent",
        "consent_wording": "Consent wording (the words the customer agreed to)",
        "consent_date": "Consent date",
        "consent_source": "Consent source",
        "consent_ip": "Consent IP address (web forms)",
    }
    aliases = {
        "consent_email_marketing": (
            "emailmarketing emailmarketingconsent emailoptin emailconsent marketingemails "
            "acceptsemailmarketing emailmarketingoptin"
        ),
        "consent_sms_marketing": (
            "smsmarketing smsmarketingconsent smsoptin smsconsent textmarketing "
            "acceptssmsmarketing smsmarketingoptin"
        ),
        "consent_whatsapp_marketing": (
            "whatsappmarketing whatsappmarketingconsent whatsappoptin whatsappconsent"
        ),
        "consent_wording": "consentwording consenttext consentstatement consentwords",
        "consent_date": "consentdate consentdatetime consentgiven consentgivenat dateofconsent",
        "consent_source": "consentsource consentmethod consentcapturedby",
        "consent_ip": "consentip consentipaddress",
    }

    def read(self, cells: dict[str, str], *, column: ColumnFor) -> ImportedConsent | None:
        choices = tuple(
            (channel, _answer(cells[field], field, column))
            for field, channel in CHOICE_FIELDS.items()
            if field in cells
        )
        if not choices:
            return None
        for needed in ("consent_wording", "consent_date"):
            if needed not in cells:
                first = next(field for field in CHOICE_FIELDS if field in cells)
                raise ImportRowRefused(
                    f"{column(first)} says {cells[first]!r} but {column(needed)} is empty: "
                    "a consent choice needs the words the customer agreed to and when, "
                    "or it is not evidence.",
                    field=column(needed),
                )
        evidence = Evidence(
            source=_source(cells.get("consent_source", ""), column),
            wording=cells["consent_wording"],
            occurred_at=_moment(cells["consent_date"], column("consent_date")),
            ip_address=cells.get("consent_ip"),
        )
        if evidence.source in WEB_SOURCES and not evidence.ip_address:
            raise ImportRowRefused(
                "A consent from a web form needs the address it came from: add a Consent IP "
                "column, or give the source as Import.",
                field=column("consent_source"),
            )
        try:
            consent_evidence_check(evidence)
        except (EvidenceMissing, InvalidConsent) as refusal:
            field = _EVIDENCE_FIELDS.get(refusal.field or "", "consent_source")
            raise ImportRowRefused(refusal.message, field=column(field)) from None
        return ImportedConsent(choices=choices, evidence=evidence)

    def batch(self, *, customer_ids: Collection[int]) -> ConsentImportBatch:
        return ConsentImportBatch(consent_histories(customer_ids=customer_ids))


class ConsentImportBatch(ImportColumnsBatch):
    def __init__(self, histories: dict[int, list[ConsentEvent]]) -> None:
        self.objections = {
            customer_id: objection
            for customer_id, events in histories.items()
            if (objection := standing_derive(events).objection) is not None
        }
        self.known: set[ImportKey] = {
            consent_import_key(event) for events in histories.values() for event in events
        }

    def check(self, *, customer: Customer | None, value: Any, column: ColumnFor) -> bool:
        imported: ImportedConsent = value
        objection = self.objections.get(customer.pk) if customer is not None else None
        granted = [channel for channel, kind in imported.choices if kind != Kind.WITHDRAWN]
        if objection is not None and granted and customer is not None:
            field = next(f for f, channel in CHOICE_FIELDS.items() if channel == granted[0])
            raise ImportRowRefused(
                f"{customer.full_name} objected to direct marketing on "
                f"{timezone.localtime(objection.occurred_at):%-d %B %Y}: record on their page "
                "that they asked to hear from us again before importing marketing consent.",
                field=column(field),
            )
        if customer is None:
            return True
        evidence = imported.evidence
        keys = [
            (customer.pk, channel, Purpose.MARKETING, kind, evidence.source, evidence.occurred_at)
            for channel, kind in imported.choices
        ]
        return any(key not in self.known for key in keys)

    def write(self, *, rows: list[tuple[Customer, Any]], actor: Staff, import_id: int) -> None:
        consent_import_record(
            rows=[(customer.pk, imported) for customer, imported in rows],
            known=self.known,
            actor=actor,
            import_id=import_id,
        )


def _answer(value: str, field: str, column: ColumnFor) -> str:
    kind = ANSWERS.get(header_key(value))
    if kind is None:
        raise ImportRowRefused(
            f"{value!r} is not a consent choice: use Yes or No (or Granted, Withdrawn"
            f"{', Soft opt-in' if field == 'consent_email_marketing' else ''}).",
            field=column(field),
        )
    if kind == Kind.SOFT_OPT_IN and field != "consent_email_marketing":
        raise ImportRowRefused(
            "The soft opt-in covers email marketing to existing customers only.",
            field=column(field),
        )
    return kind


def _source(value: str, column: ColumnFor) -> str:
    if not value:
        return Source.IMPORT
    source = SOURCES.get(header_key(value))
    if source is None or source == Source.MERGE:
        raise ImportRowRefused(
            f"{value!r} is not a consent source: use Web form, In store, Phone, Purchase, "
            "API or Import.",
            field=column("consent_source"),
        )
    return source


def _moment(value: str, header: str) -> datetime.datetime:
    """A date and time (ISO), or a date (its midnight, our time)."""
    try:
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        day = csv_date_read(value, header)
        moment = datetime.datetime.combine(day, datetime.time())
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment
