#!/usr/bin/env bash
# Serve a GGUF quantization of Starling-LM-7B-beta with llama.cpp's OpenAI-compatible server (CPU or small GPU).
# Needs llama.cpp built (`llama-server` on PATH) and the GGUF file downloaded beforehand. Cannot run here.
set -euo pipefail
cd "$(dirname "$0")"
MODEL="${MODEL:?set MODEL to the path of a Starling-LM-7B-beta .gguf file, e.g. starling-lm-7b-beta.Q4_K_M.gguf}"
PORT="${PORT:-8080}"
exec llama-server -m "$MODEL" --alias starling-lm-7b-beta \
    --chat-template-file ./starling-chat-template.jinja --jinja \
    --ctx-size 8192 --parallel 4 --host 127.0.0.1 --port "$PORT"
