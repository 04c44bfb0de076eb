"""Actions other apps add to each timeline entry (observing a colleague's contact, say).

The timeline belongs to this app, but apps above it offer things to do with an entry.
Each registers a template from its ``ready()``; the timeline includes every one for every
entry with ``entry`` and ``request`` in its context, and the template decides whether the
entry and the viewer call for it, so the timeline never imports the apps above it.
"""

from __future__ import annotations

_TEMPLATES: list[str] = []


def timeline_action_register(template: str) -> None:
    if template not in _TEMPLATES:
        _TEMPLATES.append(template)


def timeline_actions() -> tuple[str, ...]:
    return tuple(_TEMPLATES)
