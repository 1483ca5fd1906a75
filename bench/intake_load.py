"""The intake under load, as the production issue measures it: 50 clients for 60 s against
``powerdesk serve`` while a storm replays through the API (half the clients post
``POST /api/v1/calls``, half send the web intake form; the classifier on), then every accepted
call counted in the database. Aims: PostgreSQL ≥ 150 calls/s at p95 ≤ 150 ms, SQLite ≥ 50
calls/s with no "database is locked".

    python3 -m uv run python bench/intake_load.py                       # SQLite
    python3 -m uv run python bench/intake_load.py \\
        --database-url postgres://powerdesk:powerdesk@127.0.0.1:5432/pd_bench

Any option of ``bench/serve.py`` may follow (``--clients``, ``--seconds``, ``--servers``).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import serve

if __name__ == "__main__":
    serve.main(
        ["--clients", "50", "--seconds", "60", "--servers", "serve", "--storm", *sys.argv[1:]]
    )
