#!/usr/bin/env bash
# Serves the demo on http://127.0.0.1:8000 with `plenary work` (task worker, mail sweeper, periodic
# jobs) beside it, until Ctrl-C.
set -uo pipefail
cd "$(dirname "$0")/.."
# The demo alone runs with DEBUG on (runserver serves the static files); it is off everywhere else.
export DEBUG=1
plenary=.venv/bin/plenary
$plenary load_demo
echo
echo "Serving http://127.0.0.1:8000/ (Arabic: /ar/, back office: /en/admin/). Ctrl-C stops."
$plenary work &
worker=$!
trap 'kill $worker 2>/dev/null; wait $worker 2>/dev/null' EXIT INT TERM
$plenary runserver 127.0.0.1:8000
