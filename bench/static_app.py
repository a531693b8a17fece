"""The baseline server of bench/serve_bench.py: a one-route FastAPI app plus static files.

It runs under the same uvicorn as the app, so "app page ÷ static file of the same bytes" and
"start to first 200 ÷ one-route FastAPI app" compare the app with the physical limit of this
machine in the same run.
"""

from __future__ import annotations

import os

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

app = FastAPI()


@app.get("/")
def root() -> dict[str, str]:
    return {"status": "ok"}


app.mount("/files", StaticFiles(directory=os.environ["BENCH_STATIC_DIR"]), name="files")
