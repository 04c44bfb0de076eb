"""The local provider (`everthread localprovider`) as a real process on free ports, and the
settings that point Everthread's outbox at it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SID = "AC00000000000000000000000000000001"
FROM_NUMBER = "+447700900000"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class LocalProvider:
    process: subprocess.Popen[str]
    http_port: int
    smtp_port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def listing(self) -> dict[str, Any]:
        with urllib.request.urlopen(f"{self.url}/_sent", timeout=5) as response:
            return json.loads(response.read())

    def messages(self) -> list[dict[str, Any]]:
        return self.listing()["messages"]

    def taken_by_key(self) -> Counter[str]:
        return Counter(message["key"] for message in self.messages())

    def reset(self) -> None:
        request = urllib.request.Request(f"{self.url}/_reset", data=b"", method="POST")
        urllib.request.urlopen(request, timeout=5).close()

    def settings(self) -> dict[str, Any]:
        """Django settings for the outbox against this provider."""
        return {
            "OUTBOX_ENABLED": True,
            "OUTBOX_TIMEOUT_SECONDS": 2,
            "TWILIO_API_BASE": self.url,
            "TWILIO_ACCOUNT_SID": SID,
            "TWILIO_AUTH_TOKEN": "local-token",
            "TWILIO_FROM_NUMBER": FROM_NUMBER,
            "TWILIO_WHATSAPP_FROM": FROM_NUMBER,
            "META_GRAPH_BASE": self.url,
            "META_ACCESS_TOKEN": "local-token",
            "META_PHONE_NUMBER_ID": "106540352242922",
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": self.smtp_port,
            "SITE_URL": "https://everthread.example.com",
        }

    def environment(self) -> dict[str, str]:
        """The same, as the environment of an `everthread` process."""
        names = {
            "OUTBOX_ENABLED": "EVERTHREAD_OUTBOX_ENABLED",
            "OUTBOX_TIMEOUT_SECONDS": "EVERTHREAD_OUTBOX_TIMEOUT_SECONDS",
            "SITE_URL": "EVERTHREAD_PUBLIC_URL",
        }
        return {
            names.get(k, k): str(v).lower() if v is True else str(v)
            for k, v in self.settings().items()
        }

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def provider_start(data_dir: Path, *options: str) -> LocalProvider:
    http_port, smtp_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVERTHREAD_")}
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "everthread",
            "localprovider",
            "--port",
            str(http_port),
            "--smtp-port",
            str(smtp_port),
            "--record",
            str(data_dir / "provider.jsonl"),
            *options,
        ],
        env={**env, "EVERTHREAD_DEBUG": "true", "EVERTHREAD_DATA_DIR": str(data_dir)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    provider = LocalProvider(process, http_port, smtp_port)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the local provider stopped: {process.stdout.read()}")  # type: ignore[union-attr]
        try:
            provider.listing()
            return provider
        except OSError:
            time.sleep(0.1)
    provider.stop()
    raise RuntimeError("the local provider did not start within 30 seconds")
