"""On PostgreSQL every connection runs without JIT compilation (dashboards' queries are
priced high enough to trigger it, and compiling took 340 ms of a 490 ms query at 1M
customers), and options given in DATABASE_URL are kept beside it."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.db import connection

from processes import everthread

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")

SHOW = (
    "from django.db import connection; cursor = connection.cursor(); "
    "print(*(cursor.execute(f'SHOW {name}').fetchone()[0] for name in ('jit', "
    "'statement_timeout')))"
)


def test_jit_is_off_and_the_address_options_are_kept() -> None:
    server = connection.settings_dict
    options = quote("-c statement_timeout=5000")
    url = (
        f"postgres://{server['USER']}@{server['HOST']}:{server['PORT']}/postgres?options={options}"
    )

    shown = everthread("shell", "-c", SHOW, DATABASE_URL=url, EVERTHREAD_DEBUG="true")

    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines()[-1].split() == ["off", "5s"]
