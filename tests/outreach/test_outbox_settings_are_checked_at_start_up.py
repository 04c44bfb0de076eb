"""A malformed outbox setting stops start-up with a message saying what to set."""

from __future__ import annotations

import pytest

from processes import everthread


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        (
            "EVERTHREAD_WHATSAPP_VIA",
            "carrier-pigeon",
            "EVERTHREAD_WHATSAPP_VIA='carrier-pigeon': use meta (WhatsApp Cloud API) or twilio.",
        ),
        (
            "EVERTHREAD_OUTBOX_MAX_ATTEMPTS",
            "0",
            "EVERTHREAD_OUTBOX_MAX_ATTEMPTS=0 must be at least 1",
        ),
        ("SMTP_PORT", "twenty-five", "SMTP_PORT='twenty-five' is not a whole number."),
    ],
)
def test_a_malformed_setting_is_named(tmp_path, name: str, value: str, said: str) -> None:
    result = everthread(
        "check", EVERTHREAD_DEBUG="true", EVERTHREAD_DATA_DIR=str(tmp_path), **{name: value}
    )

    assert result.returncode != 0
    assert said in result.stderr
