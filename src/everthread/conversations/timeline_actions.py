"""Actions other apps add to each timeline entry (observing a colleague's contact, say).

The timeline belongs to this app, but apps above it offer things to do with an entry.
Each registers a template from its ``ready()`` with the capability it needs; the timeline
includes, for every entry, each one the viewer's role allows, with ``entry`` and
``request`` in its context, and the template decides whether the entry calls for it, so
the timeline never imports the apps above it. A role that may use none renders none: a
page of entries costs no include per entry and action.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from everthread.core.models import Staff

_TEMPLATES: dict[str, str] = {}


def timeline_action_register(template: str, *, capability: str) -> None:
    _TEMPLATES[template] = capability


def timeline_actions(viewer: Staff | AnonymousUser) -> tuple[str, ...]:
    """The action templates ``viewer`` may use, in the order they were registered."""
    if not isinstance(viewer, Staff):
        return ()
    return tuple(template for template, needs in _TEMPLATES.items() if viewer.can(needs))
