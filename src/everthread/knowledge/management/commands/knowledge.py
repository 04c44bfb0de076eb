from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from everthread.knowledge.selectors import BLENDED, LEXICAL
from everthread.knowledge.semantic import semantic_available
from everthread.knowledge.services import knowledge_reindex


class Command(BaseCommand):
    help = (
        "The knowledge base. `reindex` rebuilds the full-text index from the published "
        "articles (and their embeddings, when the semantic extra is installed): after a "
        "restore, a bulk load, or installing the extra."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        commands.add_parser("reindex", help="Rebuild the search index (and embeddings)")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        indexed = knowledge_reindex()
        mode = BLENDED if semantic_available() else LEXICAL
        self.stdout.write(f"Indexed {indexed} published articles for {mode} search.")
