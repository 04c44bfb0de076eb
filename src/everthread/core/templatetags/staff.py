"""Template filters about the signed-in member of staff."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def can(user: object, capability: str) -> bool:
    """``{% if user|can:"view_audit" %}``: what the role table allows, for showing links."""
    check = getattr(user, "can", None)
    return bool(check and check(capability))
