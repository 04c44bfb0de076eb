"""Sections other apps add to the customer page.

The customer page belongs to this app, but what it shows grows with every app
above it (the continuity brief, the timeline, consent, orders). Each registers a
section from its ``ready()``: a template and a loader that reads what the
template needs, so the page never imports the apps that sit on top of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from django.http import HttpRequest

from everthread.customers.models import Customer

Slot = Literal["top", "main", "side", "bottom"]
Loader = Callable[[HttpRequest, Customer], dict[str, Any]]


@dataclass(frozen=True)
class PageSection:
    name: str
    template: str
    load: Loader
    slot: Slot
    order: int


@dataclass(frozen=True)
class LoadedSection:
    template: str
    context: dict[str, Any]


_SECTIONS: dict[str, PageSection] = {}


def customer_page_section_register(
    name: str, *, template: str, load: Loader, slot: Slot, order: int = 50
) -> None:
    _SECTIONS[name] = PageSection(name, template, load, slot, order)


def customer_page_sections(
    request: HttpRequest, customer: Customer
) -> dict[str, list[LoadedSection]]:
    """Every registered section, loaded, grouped by slot in their order."""
    slots: dict[str, list[LoadedSection]] = {"top": [], "main": [], "side": [], "bottom": []}
    for section in sorted(_SECTIONS.values(), key=lambda section: (section.order, section.name)):
        context = section.load(request, customer)
        slots[section.slot].append(LoadedSection(section.template, context))
    return slots
