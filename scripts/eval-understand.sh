#!/usr/bin/env bash
# Runs the understanding engine on the dev set and prints the official score with each failure.
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL="${EVAL:-../shared/eval/understand.dev.jsonl}"
DATA="${DATA:-../shared/data}"
OUT="$(mktemp)"
trap 'rm -f "$OUT"' EXIT
node bin/panier.js understand --jsonl --catalog "$DATA/catalog.fr.jsonl" --customers "$DATA/customers.fr.jsonl" \
  --offers "$DATA/offers.fr.jsonl" <"$EVAL" >"$OUT"
python3 ../shared/eval/score.py "$EVAL" "$OUT" --show-failures
