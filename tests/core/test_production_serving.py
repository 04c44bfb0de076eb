"""Production serving: gunicorn with several workers, static files from WhiteNoise, the
cache and the task queue in Redis, health and readiness endpoints, security headers,
and `everthread check --deploy` clean. The last test starts the production server and a
Redis-backed worker on loopback and runs one customer import through them end to end."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client

from processes import everthread

REDIS_URL = "redis://127.0.0.1:6379/14"  # a database of its own, emptied by the test


def _production_env(data_dir: Path, database_url: str, **extra: str) -> dict[str, str]:
    return {
        "EVERTHREAD_SECRET_KEY": secrets.token_urlsafe(50),
        "EVERTHREAD_DATA_DIR": str(data_dir),
        "EVERTHREAD_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        **extra,
    }


def test_healthz_answers_without_the_database_from_any_host(client: Client) -> None:
    response = client.get("/healthz", HTTP_HOST="10.0.3.7:8000")  # a probe's own address
    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_readyz_checks_the_database_and_the_cache(client: Client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "problems": []}


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy(client: Client, associate) -> None:
    client.force_login(associate)
    response = client.get("/my-day/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "<script>" not in response.content.decode()  # nothing inline for the policy to block


def test_the_deploy_check_is_clean(tmp_path: Path) -> None:
    result = everthread(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **_production_env(
            tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}", EVERTHREAD_SECURE="true"
        ),
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def _request(
    url: str, headers: dict[str, str] | None = None, *, body: bytes | None = None, **more: str
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=body, headers={**(headers or {}), **more})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    return _request(url, headers)


def _upload(url: str, headers: dict[str, str], name: str, content: bytes) -> tuple[int, dict]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: text/csv\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    kind = f"multipart/form-data; boundary={boundary}"
    status, _, answer = _request(url, headers, body=body, **{"Content-Type": kind})
    return status, json.loads(answer)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _redis_or_skip() -> None:
    import redis

    try:
        connection = redis.Redis.from_url(REDIS_URL)
        connection.ping()
    except redis.RedisError as error:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not running at {REDIS_URL}: {error}")
        pytest.skip(f"Redis is not running at {REDIS_URL}")
    connection.flushdb()


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """A database of the test's own: the servers are separate processes, as in production."""
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'everthread.sqlite3'}"
        return
    import psycopg

    name = f"everthread_production_{uuid.uuid4().hex[:10]}"
    server = configured.rsplit("/", 1)[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{server}/{name}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("EVERTHREAD_")}
    inherited.pop("DATABASE_URL", None)
    return subprocess.Popen(
        args, env={**inherited, **env}, stdout=log.open("wb"), stderr=subprocess.STDOUT
    )


def _wait_ready(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text()
        try:
            if _get(f"{base}/readyz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"the server never became ready:\n{log.read_text()}")


def test_a_customer_import_runs_through_gunicorn_and_a_redis_worker(
    tmp_path: Path, database_url: str
) -> None:
    _redis_or_skip()
    env = _production_env(tmp_path, database_url, EVERTHREAD_LOG_JSON="true")
    for command in (
        ("migrate", "--noinput"),
        ("collectstatic", "--noinput"),
        ("demo", "--customers", "20"),
    ):
        done = everthread(*command, **env)
        assert done.returncode == 0, done.stderr
    token = everthread("token", "create", "claire", "--name", "production test", **env)
    assert token.returncode == 0, token.stderr
    bearer = {"Authorization": f"Bearer {token.stdout.strip().splitlines()[-1]}"}

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server_log, worker_log = tmp_path / "gunicorn.log", tmp_path / "worker.log"
    server = _start(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "everthread.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "-",
        ],
        env,
        server_log,
    )
    worker = _start([sys.executable, "-m", "everthread", "worker"], env, worker_log)
    try:
        _wait_ready(base, server, server_log)
        status, headers, _ = _get(f"{base}/static/core/everthread.css")
        assert status == 200
        assert "max-age" in headers.get("Cache-Control", "")

        status, accepted = _upload(
            f"{base}/api/v1/customers/import",
            bearer,
            "walk-ins.csv",
            b"First Name,Last Name,Email\nOlivia,Brennan,olivia.brennan@example.org\n"
            b"Ossian,Trevelyan,ossian.trevelyan@example.org\n",
        )
        assert status == 202, accepted
        status_url = f"{base}{accepted['status_url']}"
        deadline = time.monotonic() + 60
        while (progress := json.loads(_get(status_url, bearer)[2]))["status"] not in (
            "done",
            "failed",
        ):
            assert worker.poll() is None, worker_log.read_text()
            assert time.monotonic() < deadline, (
                f"still {progress['status']}:\n{worker_log.read_text()}"
            )
            time.sleep(0.3)
        assert (progress["status"], progress["created"], progress["rejected"]) == (
            "done",
            2,
            0,
        )

        _, _, answer = _request(
            f"{base}/api/v1/recognise",
            bearer,
            body=json.dumps({"contact_point": "Olivia.Brennan@Example.org"}).encode(),
            **{"Content-Type": "application/json"},
        )
        recognised = json.loads(answer)["customer"]
        assert (recognised["given_name"], recognised["family_name"]) == ("Olivia", "Brennan")
        assert "Content-Security-Policy" in _get(f"{base}/login/")[1]
    finally:
        for process in (server, worker):
            process.terminate()
        for process in (server, worker):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
