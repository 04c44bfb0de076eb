"""C8 knowledge search latency on 10,000 articles, on PostgreSQL and SQLite.

    .venv/bin/python bench/knowledge_search.py [--articles 10000] [--queries 400]
        [--databases postgresql,sqlite] [--semantic] [--no-write]

Each database is measured in its own process (settings are per process): PostgreSQL in
the database everthread_bench_knowledge (KNOWLEDGE_BENCH_POSTGRES overrides the URL),
created if missing; SQLite in a folder under var/. Each is loaded once with N generated,
published articles (a few paragraphs each, from the seeds' vocabulary) indexed the way
publishing indexes them, and reused on later runs.

Timed: ``knowledge_search()`` as the search box and the API call it (ranked, ten hits,
highlighted snippets, the articles read), for the same random one-to-three-word queries,
against two baselines in the same run: the raw full-text query alone (the index match, no
ranking, no snippets, no articles read) and a plain ``icontains`` scan of the body for the
first word, which is what search without an index would be. With ``--semantic`` (and the
extra installed) the blended search is timed too, in a section of its own (embedding the
articles takes long on a CPU, so it may be run with fewer). Writes its section of
BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
POSTGRES = os.environ.get(
    "KNOWLEDGE_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/everthread_bench_knowledge"
)
SQLITE_DIR = HERE.parent / "var" / "bench-knowledge"
WARM_UP = 30

_VOCABULARY = """
    return exchange refund order size boots dress raincoat toggle knee length fit tailored
    emerald navy wedding occasion budget styling appointment virtual video store collect click
    delivery warehouse stock hold promise follow handover note owner due tone warm chat email
    whatsapp instagram social phone consent marketing service opt stop quiet hours privacy
    apology recovery options breakfast room pillows allergy arrival stay membership family pass
    classes children visit reception price objection playbook checklist script greeting
    summarise confirm close loop escalation manager coach quality rubric observation mystery
    shop colleague shift resolution customer journey receipt gift label unworn days payment
    card alteration voucher goodwill priority"""
_FILLER = "the a to and for with when then so it they we our your is are be of in on"
WORDS, FILLER = tuple(_VOCABULARY.split()), tuple(_FILLER.split())
# Words of a language are used by Zipf's law: a few in most articles, most in a few.
ZIPF = [1 / rank for rank in range(1, len(WORDS) + 1)]


def sentence(rng: random.Random) -> str:
    words = [
        rng.choices(WORDS, weights=ZIPF)[0] if rng.random() < 0.45 else rng.choice(FILLER)
        for _ in range(rng.randint(8, 16))
    ]
    return " ".join(words).capitalize() + "."


def article_text(rng: random.Random) -> tuple[str, str, str]:
    title = " ".join(rng.choices(WORDS, weights=ZIPF, k=rng.randint(3, 6))).capitalize()
    summary = sentence(rng)
    body = "\n\n".join(
        " ".join(sentence(rng) for _ in range(rng.randint(3, 6))) for _ in range(rng.randint(2, 4))
    )
    return title, summary, body


def percentiles(samples: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {
        "p50": round(statistics.median(samples) * 1000, 2),
        "p95": round(cuts[94] * 1000, 2),
        "p99": round(cuts[98] * 1000, 2),
    }


# --- One database, in its own process -------------------------------------------------------


def child(database: str, articles: int, queries: int, with_semantic: bool) -> dict[str, Any]:
    os.environ["DJANGO_SETTINGS_MODULE"] = "everthread.settings"
    os.environ.setdefault("EVERTHREAD_SECRET_KEY", "benchmark-only")
    os.environ["EVERTHREAD_KNOWLEDGE_SEMANTIC_ENABLED"] = "true" if with_semantic else "false"
    if database == "postgresql":
        url = POSTGRES if articles == 10_000 else f"{POSTGRES}_{articles}"
        os.environ["DATABASE_URL"] = url
        _postgres_ensure(url)
    else:
        os.environ.pop("DATABASE_URL", None)
        folder = SQLITE_DIR / str(articles)
        folder.mkdir(parents=True, exist_ok=True)
        os.environ["EVERTHREAD_DATA_DIR"] = str(folder)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    load_seconds = _load(articles)
    return {
        "database": database,
        "articles": articles,
        "load_seconds": load_seconds,
        **_time(queries, with_semantic),
    }


def _postgres_ensure(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    server = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')


def _load(articles: int) -> float | None:
    from django.db import connection

    from everthread.core.models import Staff
    from everthread.knowledge import fulltext
    from everthread.knowledge.models import Article

    have = Article.objects.count()
    if have >= articles:
        _embed_missing()
        return None
    started = time.perf_counter()
    owner, _ = Staff.objects.get_or_create(username="bench-owner", defaults={"role": "coach"})
    rng = random.Random(have)
    batch = []
    for n in range(have, articles):
        title, summary, body = article_text(rng)
        batch.append(
            Article(
                slug=f"bench-{n}",
                kind=rng.choice(Article.Kind.values),
                owner=owner,
                status=Article.Status.PUBLISHED,
                title=title,
                summary=summary,
                body=body,
                latest_number=1,
                published_number=1,
            )
        )
    Article.objects.bulk_create(batch, batch_size=1000)
    fulltext.index_articles()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    _embed_missing()
    return round(time.perf_counter() - started, 1)


def _embed_missing() -> None:
    from everthread.knowledge.models import ArticleEmbedding
    from everthread.knowledge.services import article_embed

    if _semantic_wanted() and not ArticleEmbedding.objects.exists():
        started = time.perf_counter()
        article_embed()
        print(f"embedded in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def _semantic_wanted() -> bool:
    from everthread.knowledge.semantic import semantic_available

    return semantic_available()


def _time(queries: int, with_semantic: bool) -> dict[str, Any]:
    from django.db import connection

    from everthread.knowledge.fulltext import FTS_TABLE, on_postgresql
    from everthread.knowledge.models import Article
    from everthread.knowledge.selectors import knowledge_search

    rng = random.Random(7)
    asked = [" ".join(rng.sample(WORDS, rng.choice((1, 1, 2, 2, 3)))) for _ in range(queries)]

    def match(q: str, *, ranked: bool) -> list[Any]:
        """The index's match alone, or ranked in SQL: ten ids, no snippets, no articles."""
        if on_postgresql():
            order = "ORDER BY ts_rank(search_vector, query) DESC" if ranked else ""
            sql = (
                "SELECT id FROM knowledge_article, plainto_tsquery('english', %s) query "
                f"WHERE status = 'published' AND search_vector @@ query {order} LIMIT 10"
            )
            words = q
        else:
            order = f"ORDER BY bm25({FTS_TABLE})" if ranked else ""
            sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s {order} LIMIT 10"
            words = " ".join(f'"{word}"' for word in q.split())
        with connection.cursor() as cursor:
            cursor.execute(sql, [words])
            return cursor.fetchall()

    def scan(q: str) -> list[Any]:
        return list(Article.objects.filter(body__icontains=q.split()[0]).values("id")[:10])

    ways = {
        "knowledge_search": lambda q: knowledge_search(q=q, semantic_on=False),
        "raw full-text match": lambda q: match(q, ranked=False),
        "raw match, ranked": lambda q: match(q, ranked=True),
        "icontains scan": scan,
    }
    if with_semantic and _semantic_wanted():
        ways["knowledge_search, blended"] = lambda q: knowledge_search(q=q, semantic_on=True)
    hits = []
    for q in asked[:WARM_UP]:
        for run in ways.values():
            run(q)
    samples: dict[str, list[float]] = {name: [] for name in ways}
    for q in asked:
        for name, run in ways.items():  # in turns, so drift touches every way alike
            started = time.perf_counter()
            found = run(q)
            samples[name].append(time.perf_counter() - started)
            if name == "knowledge_search":
                hits.append(len(found.hits))
    return {
        "queries": len(asked),
        "mean_hits": round(statistics.mean(hits), 1),
        "server": _server_version(),
        "timings": {name: percentiles(values) for name, values in samples.items()},
    }


def _server_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return "PostgreSQL " + cursor.fetchone()[0].split()[0]
        cursor.execute("SELECT sqlite_version()")
        return "SQLite " + cursor.fetchone()[0]


# --- The report ------------------------------------------------------------------------------


def body(results: list[dict[str, Any]], *, semantic: bool) -> str:
    lines = [
        f"## C8 knowledge search latency on {results[0]['articles']:,} articles (issue 8)"
        + (", with semantic search" if semantic else ""),
        "",
        f"`bench/knowledge_search.py`: {results[0]['articles']:,} published articles "
        "(title, summary, a few paragraphs each), the same random one-to-three-word queries "
        "on each database, timed in turns in one process per database. `knowledge_search` "
        "is what the search box and `GET /api/v1/knowledge/search` run: ranked (weighted "
        "ts_rank / bm25), ten hits, highlighted HTML-safe snippets, the articles read. "
        "Baselines in the same run: the raw full-text match alone (the index, no ranking, "
        "no snippets, no articles), the same match ranked in SQL (no snippets, no "
        "articles) and an `icontains` scan of the bodies for one word. Words in the "
        "generated articles follow Zipf's law (a few in most articles, most in a few); "
        "queries draw words uniformly, so some match thousands of articles, which are "
        "all ranked.",
        "",
        "| database | way | p50 ms | p95 ms | p99 ms | p50 vs raw match |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for result in results:
        raw = result["timings"]["raw full-text match"]["p50"] or 0.01
        for name, figures in result["timings"].items():
            lines.append(
                f"| {result['server']} | {name} | {figures['p50']} | {figures['p95']} | "
                f"{figures['p99']} | {figures['p50'] / raw:.1f}× |"
            )
    if semantic:
        lines += [
            "",
            "`knowledge_search, blended` also embeds the query with all-MiniLM-L6-v2 on the "
            "CPU (the `semantic` extra) and compares it with every article's stored "
            "embedding (float32 bytes in the database, cosine in numpy), then blends the two "
            "scores. The other rows are the same as in the section above, on fewer articles.",
        ]
    lines += [""]
    for result in results:
        load = result["load_seconds"]
        loaded = f"loaded in {load} s" if load is not None else "loaded in an earlier run"
        lines.append(
            f"- {result['server']}: {result['queries']} queries, {result['mean_hits']} hits on "
            f"average (of at most 10); the articles {loaded}."
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--databases", default="postgresql,sqlite")
    parser.add_argument("--semantic", action="store_true", help="also time blended search")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.articles, args.queries, args.semantic)))
        return
    results = []
    for database in args.databases.split(","):
        command = [sys.executable, __file__, "--child", database, "--articles", str(args.articles)]
        command += ["--queries", str(args.queries)] + (["--semantic"] if args.semantic else [])
        print(f"measuring on {database}…", flush=True)
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.exit(f"{database} failed:\n{done.stderr}")
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    text = body(results, semantic=args.semantic)
    print(text)
    if not args.no_write:
        sys.path.insert(0, str(HERE))
        from benchmarks_md import section_write

        # The blended search has its own section: embedding the articles takes long enough
        # on a CPU that it may be measured on fewer of them.
        section_write("knowledge-search-semantic" if args.semantic else "knowledge-search", text)


if __name__ == "__main__":
    main()
