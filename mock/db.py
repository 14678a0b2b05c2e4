"""SQLite persistence of the mock (WAL mode, one connection per thread).

Table and column names are part of the contract: the database suites query them directly.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

BUSY_TIMEOUT_MS = 15_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS decisions (
    transaction_id TEXT PRIMARY KEY,
    applicant_id TEXT NOT NULL,
    interface TEXT NOT NULL,
    channel TEXT NOT NULL,
    model_code TEXT NOT NULL,
    model_version TEXT NOT NULL,
    score INTEGER NOT NULL,
    decision TEXT NOT NULL,
    risk_band TEXT NOT NULL,
    probability_of_default REAL NOT NULL,
    reason_codes TEXT NOT NULL,
    policy_rule TEXT,
    request_hash TEXT NOT NULL,
    response_json TEXT NOT NULL,
    correlation_id TEXT NOT NULL,
    scored_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS batches (
    batch_id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    model_code TEXT NOT NULL,
    model_version TEXT NOT NULL,
    total_records INTEGER NOT NULL,
    processed_records INTEGER NOT NULL DEFAULT 0,
    failed_records INTEGER NOT NULL DEFAULT 0,
    submitted_at TEXT NOT NULL,
    started_at TEXT,
    completed_at TEXT,
    correlation_id TEXT NOT NULL,
    error TEXT
);
CREATE TABLE IF NOT EXISTS batch_results (
    batch_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    transaction_id TEXT NOT NULL,
    applicant_id TEXT NOT NULL,
    model_code TEXT NOT NULL,
    model_version TEXT NOT NULL,
    score INTEGER NOT NULL,
    decision TEXT NOT NULL,
    risk_band TEXT NOT NULL,
    probability_of_default REAL NOT NULL,
    reason_codes TEXT NOT NULL,
    policy_rule TEXT,
    scored_at TEXT NOT NULL,
    PRIMARY KEY (batch_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS reviews (
    case_id TEXT PRIMARY KEY,
    transaction_id TEXT NOT NULL,
    applicant_id TEXT NOT NULL,
    source TEXT NOT NULL,
    batch_id TEXT,
    score INTEGER NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    decided_at TEXT,
    reviewer TEXT,
    note TEXT,
    correlation_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reviews_transaction ON reviews (transaction_id);
CREATE INDEX IF NOT EXISTS reviews_status ON reviews (status);
"""

TABLES: tuple[str, ...] = ("decisions", "batches", "batch_results", "reviews")


class Database:
    """A SQLite file shared by all threads, each thread with its own autocommit connection."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        conn = self.connection()
        conn.execute("PRAGMA journal_mode=WAL")
        conn.executescript(SCHEMA)

    def connection(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=15)
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any exception)."""
        conn = self.connection()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement in its own transaction; returns the number of rows changed."""
        return self.connection().execute(sql, params).rowcount

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for many rows in one transaction."""
        with self.write() as conn:
            conn.executemany(sql, rows)

    def query_one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        """The first row of a query, or None."""
        return self.connection().execute(sql, params).fetchone()

    def query_all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """Every row of a query."""
        return self.connection().execute(sql, params).fetchall()

    def ping(self) -> bool:
        """True when the database answers a trivial query."""
        try:
            return self.query_one("SELECT 1") == (1,)
        except sqlite3.Error:
            return False

    def reset(self) -> None:
        """Delete every row of every table."""
        with self.write() as conn:
            for table in TABLES:
                conn.execute(f"DELETE FROM {table}")  # noqa: S608 - table names are constants

    def close(self) -> None:
        """Close every connection opened by any thread."""
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()
