"""Webhook deliveries written together (group commit), so a busy web process keeps up.

A commit waits for the disk, and a delivery committed alone spends most of its time
waiting: at hundreds of deliveries a second the database does little but flush. Each web
process has one writer thread instead. A request thread hands it the delivery's events
and waits; the writer takes every delivery waiting when it is free and keeps them all in
one transaction, one commit. Each request still answers only once its own events are
committed, so nothing acknowledged is ever lost, and a delivery that fails (a retried one
whose events are held already) is kept again on its own by the same rules.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Generic, TypeVar

from django.db import close_old_connections, connections

log = logging.getLogger(__name__)

Item = TypeVar("Item")
# How long a request waits for its delivery to be committed before it gives up (and
# answers an error, so the provider sends it again; a late commit makes that a retry).
WAIT_SECONDS = 30.0
# The writer closes its database connection after this long with nothing to write.
IDLE_SECONDS = 10.0
_STOP = object()


class Intake(Generic[Item]):
    """Deliveries of ``Item`` written ``most`` at a time by ``keep``, which returns what each
    delivery kept, in order, and writes all of them in one transaction."""

    def __init__(self, keep: Callable[[list[Item]], list[Item]], *, most: int = 200) -> None:
        self._keep = keep
        self._most = most
        self._waiting: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._writer: threading.Thread | None = None
        self._lock = threading.Lock()

    def keep(self, delivery: Item) -> Item:
        """Keep one delivery with whatever else is waiting; returns once it is committed."""
        kept: Future[Item] = Future()
        self._waiting.put((delivery, kept))
        self._writer_running()
        return kept.result(timeout=WAIT_SECONDS)

    def stop(self) -> None:
        """Write what is waiting, close the writer's connection and end its thread."""
        with self._lock:
            writer, self._writer = self._writer, None
            if writer is not None and writer.is_alive():
                self._waiting.put(_STOP)
                writer.join()

    def _writer_running(self) -> None:
        if self._writer is not None and self._writer.is_alive():
            return
        with self._lock:
            if self._writer is None or not self._writer.is_alive():
                self._writer = threading.Thread(
                    target=self._write, name="everthread-intake", daemon=True
                )
                self._writer.start()

    def _write(self) -> None:
        try:
            while True:
                try:
                    first = self._waiting.get(timeout=IDLE_SECONDS)
                except queue.Empty:
                    connections.close_all()  # idle: give the connection back
                    continue
                if first is _STOP:
                    return
                batch = [first]
                while len(batch) < self._most:
                    try:
                        batch.append(self._waiting.get_nowait())
                    except queue.Empty:
                        break
                stopping = any(entry is _STOP for entry in batch)
                self._batch_write([entry for entry in batch if entry is not _STOP])  # type: ignore[misc]
                if stopping:
                    return
        finally:
            connections.close_all()

    def _batch_write(self, batch: list[tuple[Item, Future[Item]]]) -> None:
        try:
            kept = self._keep([delivery for delivery, _ in batch])
        except Exception as error:  # every waiting request answers it, none hangs
            log.exception("Could not keep %d webhook deliveries", len(batch))
            for _, waiting in batch:
                waiting.set_exception(error)
            # As after a request: a connection that broke is dropped, the next batch opens
            # another. (Not before each batch: its health check would cost a round trip.)
            close_old_connections()
            return
        for (_, waiting), result in zip(batch, kept, strict=True):
            waiting.set_result(result)
