"""Story 4 as practice: Daniel's persona and a handover note that leaves nothing out."""

from __future__ import annotations

from everthread.coaching.practice.persona import Persona
from everthread.notes.services import NoteDraft

DANIEL = Persona(
    given_name="Daniel",
    family_name="Novak",
    email="daniel.novak@example.com",
    preferred_channel="chat",
    preferences="Boots: EU 42 too small, wants EU 43.",
    consents={"email:service": "granted", "sms:marketing": "stop"},
)

GOOD_NOTE = NoteDraft(
    wants="Exchange the boots from order HF-100482 for EU 43.",
    promised="Leeds Briggate will have EU 43 ready to collect by Saturday.",
    tried="Checked Leeds stock: two pairs in EU 43.",
    next_step="Hold EU 43 at Leeds Briggate for Daniel",
    body="Daniel will bring the boots in their box.",
)
