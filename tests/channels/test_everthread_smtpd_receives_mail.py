"""`everthread smtpd`, started as an operator would, takes mail over SMTP and keeps it for
the worker; it stops cleanly when told to."""

from __future__ import annotations

import contextlib
import os
import signal
import smtplib
import socket
import sqlite3
import subprocess
import sys
import time
from email.message import EmailMessage
from pathlib import Path

from processes import everthread

PATIENCE_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _connect(port: int) -> smtplib.SMTP:
    deadline = time.monotonic() + PATIENCE_SECONDS
    while True:
        try:
            return smtplib.SMTP("127.0.0.1", port, timeout=10)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_mail_sent_to_the_receiver_is_kept_for_the_worker(tmp_path: Path) -> None:
    settings = {"EVERTHREAD_DEBUG": "true", "EVERTHREAD_DATA_DIR": str(tmp_path)}
    assert everthread("migrate", "-v0", **settings).returncode == 0
    port = _free_port()
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("EVERTHREAD_")}
    inherited.pop("DATABASE_URL", None)
    receiver = subprocess.Popen(
        [sys.executable, "-m", "everthread", "smtpd", "--port", str(port)],
        env={**inherited, **settings},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        mail = EmailMessage()
        mail["From"], mail["To"] = "Rosa Alvarez <rosa.alvarez@example.com>", "hello@example.com"
        mail["Subject"], mail["Message-ID"] = "Raincoat", "<raincoat-1@mail.example.com>"
        mail.set_content("Does the red toggle raincoat cover my legs?")
        with _connect(port) as smtp:
            refused = smtp.send_message(mail)

        with contextlib.closing(sqlite3.connect(tmp_path / "everthread.sqlite3")) as db:
            rows = db.execute(
                "SELECT provider, provider_message_id, sender, text, outcome "
                "FROM channels_inboundevent"
            ).fetchall()
    finally:
        receiver.send_signal(signal.SIGTERM)
        output, _ = receiver.communicate(timeout=PATIENCE_SECONDS)

    assert refused == {}
    assert rows == [
        (
            "email",
            "raincoat-1@mail.example.com",
            "rosa.alvarez@example.com",
            "Does the red toggle raincoat cover my legs?",
            "pending",
        )
    ]
    assert f"Receiving email on 127.0.0.1:{port}." in output
    assert "Stopped receiving email." in output
    assert receiver.returncode == 0
