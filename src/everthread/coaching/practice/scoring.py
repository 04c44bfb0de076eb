"""Scoring a practice attempt from what can be computed: pure, no database.

The same evidence the automatic review reads on real work (the note-quality assessment
and the tone check) plus the gate's verdicts, turned into a score on the rubric's own
scale for the behaviours it speaks to. Behaviours without computable evidence (confirm
needs, personalise) are left to the coach.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from everthread.coaching.models import Behaviour

NOTE_TOP = 4  # the note assessment's score runs 0..4: clear, factual, respectful, complete
HISTORY_RULE = "history-not-acknowledged"
REFUSED = "refused"


@dataclass(frozen=True)
class NoteWork:
    score: int  # 0..4
    has_next_step: bool  # a next step with an owner and a due time


@dataclass(frozen=True)
class MessageWork:
    warnings: Sequence[str] = field(default_factory=tuple)  # the tone check's warning rules
    gate: str = ""  # the gate's outcome; "" where no gate applies (a reply in a live chat)
    gate_reasons: Sequence[str] = field(default_factory=tuple)


@dataclass(frozen=True)
class AutoScore:
    behaviour: str
    value: int
    reason: str


def _on_scale(share: float, scale_max: int) -> int:
    """0..1 onto the rubric's 1..scale_max."""
    return 1 + round(share * (scale_max - 1))


def practice_auto_scores(
    *,
    behaviours: Sequence[str],
    scale_max: int,
    notes: Sequence[NoteWork],
    messages: Sequence[MessageWork],
) -> list[AutoScore]:
    """A score, with its reason, for each of ``behaviours`` the evidence speaks to."""
    found: dict[str, AutoScore] = {}
    if notes:
        best = max(note.score for note in notes)
        found[Behaviour.SUMMARISE_NEXT_STEPS] = AutoScore(
            Behaviour.SUMMARISE_NEXT_STEPS,
            _on_scale(best / NOTE_TOP, scale_max),
            f"Best handover note scored {best} of {NOTE_TOP} (clear, factual, respectful, "
            "complete).",
        )
        owned = any(note.has_next_step for note in notes)
        found[Behaviour.FOLLOW_THROUGH] = AutoScore(
            Behaviour.FOLLOW_THROUGH,
            scale_max if owned else 1,
            "The next step has an owner and a due time."
            if owned
            else "No note gives the next step an owner and a due time.",
        )
    if messages:
        clean = sum(1 for message in messages if not message.warnings)
        found[Behaviour.CHANNEL_TONE] = AutoScore(
            Behaviour.CHANNEL_TONE,
            _on_scale(clean / len(messages), scale_max),
            f"{clean} of {len(messages)} messages passed the tone check without a warning.",
        )
        missed = sum(1 for message in messages if HISTORY_RULE in message.warnings)
        found[Behaviour.ACKNOWLEDGE_HISTORY] = AutoScore(
            Behaviour.ACKNOWLEDGE_HISTORY,
            _on_scale(1 - missed / len(messages), scale_max),
            f"{missed} of {len(messages)} messages did not acknowledge the earlier contact."
            if missed
            else "Every message picked up the thread of the earlier contact.",
        )
    gated = [message for message in messages if message.gate]
    if gated:
        refused = [message for message in gated if message.gate == REFUSED]
        found[Behaviour.CONSENT] = AutoScore(
            Behaviour.CONSENT,
            1 if refused else scale_max,
            f"The gate refused {len(refused)} of {len(gated)} messages: "
            f"{refused[0].gate_reasons[0] if refused[0].gate_reasons else ''}".strip()
            if refused
            else f"All {len(gated)} messages were ones the customer had agreed to receive.",
        )
    return [found[behaviour] for behaviour in behaviours if behaviour in found]
