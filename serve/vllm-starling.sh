#!/usr/bin/env bash
# Serve Nexusflow/Starling-LM-7B-beta with vLLM's OpenAI-compatible server, as the study did (one A100 or a GPU with
# >= 24 GB). Needs a CUDA machine with `pip install vllm` and access to the Hugging Face hub. Cannot run here.
set -euo pipefail
cd "$(dirname "$0")"
PORT="${PORT:-8000}"
exec python -m vllm.entrypoints.openai.api_server \
    --model Nexusflow/Starling-LM-7B-beta \
    --served-model-name starling-lm-7b-beta \
    --chat-template ./starling-chat-template.jinja \
    --dtype bfloat16 \
    --max-model-len 8192 \
    --host 127.0.0.1 --port "$PORT"
