"""A typo in a setting, a malformed value or an unusable database stops start-up
with a message saying what to fix, never a traceback."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from everthread.environment import Environment
from processes import everthread


def test_unknown_everthread_setting_names_the_closest_known_one() -> None:
    env = Environment({"EVERTHREAD_DEBUGG": "true"})
    env.flag("EVERTHREAD_DEBUG", default=False)
    with pytest.raises(
        ImproperlyConfigured,
        match=r"Unknown setting EVERTHREAD_DEBUGG\. Did you mean EVERTHREAD_DEBUG\?",
    ):
        env.refuse_unknown()


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("EVERTHREAD_DEBUG", "maybe", "not a yes/no value"),
        ("EVERTHREAD_PAGE_SIZE", "lots", "not a whole number"),
    ],
)
def test_malformed_values_are_refused(name: str, value: str, message: str) -> None:
    env = Environment({name: value})
    with pytest.raises(ImproperlyConfigured, match=message):
        if name == "EVERTHREAD_DEBUG":
            env.flag(name, default=False)
        else:
            env.number(name, 25)


def test_the_command_reports_a_typo_in_a_setting_without_a_traceback() -> None:
    result = everthread("check", EVERTHREAD_DEBUG="true", EVERTHREAD_SECRET_KEYY="x")
    assert result.returncode != 0
    assert "Unknown setting EVERTHREAD_SECRET_KEYY" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_without_a_secret_key_says_what_to_set() -> None:
    result = everthread("check")
    assert result.returncode != 0
    assert "EVERTHREAD_SECRET_KEY must be set" in result.stderr


def test_an_unreachable_database_is_a_clear_error(tmp_path) -> None:
    result = everthread(
        "migrate",
        EVERTHREAD_DEBUG="true",
        DATABASE_URL="postgres://nobody@127.0.0.1:1/everthread",
    )
    assert result.returncode != 0
    assert "cannot use the database" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unsupported_database_is_refused() -> None:
    result = everthread(
        "check", EVERTHREAD_DEBUG="true", DATABASE_URL="mysql://root@127.0.0.1/test"
    )
    assert "Everthread runs on SQLite or PostgreSQL" in result.stderr


def test_serving_a_database_nobody_migrated_says_to_migrate(tmp_path) -> None:
    result = everthread(
        "runserver", "127.0.0.1:0", EVERTHREAD_DEBUG="true", EVERTHREAD_DATA_DIR=str(tmp_path)
    )
    assert result.returncode != 0
    assert "run `everthread migrate` first" in result.stderr
