"""outreach_send is the only way to send: the message model refuses any other creation, and
no module outside the outreach app imports what it uses to get past the gate."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import everthread
from everthread.outreach.errors import GateBypassed
from everthread.outreach.models import OutboundMessage
from everthread.outreach.services import outreach_decide

SRC = Path(everthread.__file__).parent
OUTREACH = SRC / "outreach"
# What only the outreach app itself may touch: the message model and the gate's latch.
SEND_INTERNALS = {"OutboundMessage", "_through_the_gate", "_GATE_PASSED"}


def _imports_of_send_internals(path: Path, root: Path = SRC) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "everthread.outreach"
        ):
            names = {alias.name for alias in node.names}
            if node.module == "everthread.outreach.models" or names & SEND_INTERNALS:
                found.append(f"{path.relative_to(root)}: from {node.module} import {sorted(names)}")
        if isinstance(node, ast.Import):
            found += [
                f"{path.relative_to(root)}: import {alias.name}"
                for alias in node.names
                if alias.name.startswith("everthread.outreach.models")
            ]
        if isinstance(node, ast.Attribute) and node.attr in SEND_INTERNALS:
            found.append(f"{path.relative_to(root)}: uses .{node.attr}")
    return found


def test_no_module_outside_outreach_reaches_the_send_internals() -> None:
    offenders = [
        line
        for path in sorted(SRC.rglob("*.py"))
        if OUTREACH not in path.parents and "migrations" not in path.parts
        for line in _imports_of_send_internals(path)
    ]

    assert offenders == [], "Send only with outreach.services.outreach_send():\n" + "\n".join(
        offenders
    )


@pytest.mark.parametrize(
    "source",
    [
        "from everthread.outreach.models import OutboundMessage\n",
        "from everthread.outreach.services import _through_the_gate\n",
        "import everthread.outreach.models\n",
        "from everthread.outreach import models\nmodels.OutboundMessage.objects.create()\n",
    ],
)
def test_the_check_catches_a_module_that_would_send_on_its_own(tmp_path: Path, source) -> None:
    rogue = tmp_path / "rogue.py"
    rogue.write_text(source)

    assert _imports_of_send_internals(rogue, tmp_path) != []


def test_the_message_model_refuses_a_message_made_without_the_gate(charlotte, advisor) -> None:
    decision = outreach_decide(
        customer=charlotte, channel="email", purpose="service", actor=advisor
    )
    fields = dict(
        customer=charlotte,
        decision=decision,
        channel="email",
        purpose="service",
        address="charlotte.hale@example.com",
        body="Hi",
        status="queued",
        send_after=decision.at,
        created_by=advisor,
    )

    with pytest.raises(GateBypassed):
        OutboundMessage.objects.create(**fields)
    with pytest.raises(GateBypassed):
        OutboundMessage(**fields).save()
    with pytest.raises(GateBypassed):
        OutboundMessage.objects.bulk_create([OutboundMessage(**fields)])
    assert not OutboundMessage.objects.exists()
