"""A worker delivering a batch is killed (SIGKILL) while a message is with the provider;
restarted, with the sweep taking over what it left half-sent, every message reaches the
provider exactly once and none is left undelivered."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from providers import LocalProvider, provider_start

BATCH = 20
TESTS = Path(__file__).resolve().parent.parent


@pytest.fixture
def slow_provider(tmp_path):
    # Each message is kept before the answer goes back, half a second later: the window in
    # which a worker killed has reached the provider without knowing it.
    provider = provider_start(tmp_path / "provider", "--latency", "0.5")
    yield provider
    provider.stop()


def _environment(data_dir: Path, provider: LocalProvider) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("EVERTHREAD_")}
    inherited.pop("DATABASE_URL", None)
    return {
        **inherited,
        **provider.environment(),
        "EVERTHREAD_DEBUG": "true",
        "EVERTHREAD_DATA_DIR": str(data_dir),
        "EVERTHREAD_OUTBOX_CLAIM_SECONDS": "2",
        "DJANGO_SETTINGS_MODULE": "everthread.settings",
        "PYTHONPATH": str(TESTS),
    }


def _python(env: dict[str, str], code: str) -> object:
    script = f"import django, json; django.setup(); import outboxing; print(json.dumps({code}))"
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def _everthread(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "everthread", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done


def _worker(env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "everthread",
            "worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.2",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _kill_while_a_message_is_with_the_provider(worker, provider, after: int) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        taken = len(provider.messages())
        if taken >= after:
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=10)
            return taken
        time.sleep(0.02)
    worker.kill()
    raise AssertionError(f"the worker sent only {len(provider.messages())} messages in a minute")


def test_a_worker_killed_mid_batch_sends_each_message_once(tmp_path, slow_provider) -> None:
    env = _environment(tmp_path, slow_provider)
    _everthread(env, "migrate", "--noinput")
    keys = _python(env, f"outboxing.batch_queue({BATCH})")

    worker = _worker(env)
    taken_when_killed = _kill_while_a_message_is_with_the_provider(worker, slow_provider, 5)

    state = _python(env, "outboxing.outbox_state()")
    half_sent = [key for key, (status, _, _) in state.items() if status == "sending"]
    assert len(half_sent) == 1, state  # killed mid-send: kept by the provider, not marked sent
    assert taken_when_killed < BATCH

    worker = _worker(env)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            time.sleep(2.5)  # past the dead worker's claim
            _everthread(env, "outbox", "sweep")
            state = _python(env, "outboxing.outbox_state()")
            if all(status == "sent" for status, _, _ in state.values()):
                break
    finally:
        worker.terminate()
        worker.wait(timeout=10)

    taken = {m["key"]: m for m in slow_provider.messages()}
    assert sorted(slow_provider.taken_by_key().values()) == [1] * BATCH
    assert sorted(taken) == sorted(keys)
    assert {key: status for key, (status, _, _) in state.items()} == {key: "sent" for key in keys}
    assert all(state[key][1] == taken[key]["id"] for key in keys)  # the provider's own ids
    requests = slow_provider.listing()["requests"]
    # Twilio keeps no key: the half-sent SMS was looked up there, not posted again.
    assert [requests[key] for key in keys if state[key][2] == "sms"] == [1] * (BATCH // 2)
