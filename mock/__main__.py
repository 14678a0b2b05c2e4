"""``python -m mock``: serve the mock scoring platform with waitress.

The first line on stdout, printed once the socket accepts connections, is
``SCORING MOCK LISTENING http://HOST:PORT``; SIGTERM or SIGINT stop the server (exit 0).
"""

from __future__ import annotations

import argparse
import logging
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from waitress import create_server

from mock.app import create_app
from mock.config import MockConfig
from mock.defects import list_defects_text, parse_defects
from mock.logs import JsonLogHandler, RequestLog

DEFAULT_THREADS = 8
LISTENING_PREFIX = "SCORING MOCK LISTENING"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m mock", description="ScoreGate mock scoring platform")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8089, help="port to bind; 0 picks a free port (default 8089)")
    parser.add_argument("--db", help="SQLite file (default: a new temporary file, removed on exit)")
    parser.add_argument("--defect", action="append", default=[], metavar="NAME[,NAME]", help="activate defects")
    parser.add_argument("--list-defects", action="store_true", help="list the defects and exit")
    parser.add_argument("--no-admin", action="store_true", help="answer 404 on every /__admin path")
    parser.add_argument("--rate-limit", type=float, metavar="N", help="requests per second on /api and /soap")
    parser.add_argument("--log-file", help="append the JSON request log here instead of stderr")
    parser.add_argument("--threads", type=int, default=DEFAULT_THREADS, help=f"worker threads ({DEFAULT_THREADS})")
    return parser


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(0)


def _configure_server_logging(log: RequestLog) -> None:
    for name in ("waitress", "waitress.queue"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [JsonLogHandler(log)]
        logger.setLevel(logging.WARNING)
        logger.propagate = False


def serve(args: argparse.Namespace, defects: frozenset[str]) -> int:
    temp_dir = None if args.db else tempfile.mkdtemp(prefix="scoregate-mock-")
    db_path = args.db or str(Path(temp_dir) / "scoring.db")
    log = RequestLog(args.log_file)
    _configure_server_logging(log)
    config = MockConfig(
        db_path=db_path,
        defects=defects,
        admin_enabled=not args.no_admin,
        rate_limit=args.rate_limit,
        rate_burst=max(1, int(args.rate_limit)) if args.rate_limit else None,
    )
    app = create_app(config, log)
    server = create_server(app, host=args.host, port=args.port, threads=args.threads, ident="scoregate-mock")
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    print(f"{LISTENING_PREFIX} http://{server.effective_host}:{server.effective_port}", flush=True)
    try:
        server.run()
    finally:
        server.close()
        app.extensions["scoregate.service"].db.close()
        log.close()
        if temp_dir:
            shutil.rmtree(temp_dir, ignore_errors=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.list_defects:
        print(list_defects_text())
        return 0
    if args.rate_limit is not None and args.rate_limit <= 0:
        print(f"--rate-limit must be above 0, got {args.rate_limit:g}", file=sys.stderr)
        return 2
    try:
        defects = parse_defects(",".join(args.defect))
    except ValueError as exc:
        print(f"--defect: {exc}", file=sys.stderr)
        return 2
    return serve(args, defects)


if __name__ == "__main__":
    sys.exit(main())
