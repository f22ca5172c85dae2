#!/usr/bin/env bash
# Serve Starling-LM-7B-beta with Ollama (its library model `starling-lm:7b-beta` carries the OpenChat template) on
# Ollama's OpenAI-compatible endpoint http://127.0.0.1:11434/v1. Needs Ollama installed and network access to pull
# the weights. Cannot run here.
set -euo pipefail
ollama serve &
server=$!
trap 'kill "$server"' EXIT
until ollama list >/dev/null 2>&1; do sleep 1; done
ollama pull starling-lm:7b-beta
echo "ready: export SERVED_MODEL_URL=http://127.0.0.1:11434/v1 SERVED_MODEL_NAME=starling-lm:7b-beta"
wait "$server"
