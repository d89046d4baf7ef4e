#!/usr/bin/env bash
# Builds the API reference (DocFX, a local tool: .config/dotnet-tools.json) from the libraries' XML doc comments,
# together with the pages of docs/, into artifacts/api-docs/ (git-ignored, as is the intermediate docs/api/). Open artifacts/api-docs/index.html, or
# pass --serve to serve it on http://localhost:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
rm -rf docs/api artifacts/api-docs
dotnet docfx metadata docs/docfx.json
dotnet docfx build docs/docfx.json "$@"
echo "API reference: $(pwd)/artifacts/api-docs/index.html"
