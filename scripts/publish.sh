#!/usr/bin/env bash
# Builds the realign command for installing:
#   bash scripts/publish.sh tool [OUT]          the .NET tool package (default OUT: ./artifacts/tool);
#                                               then: dotnet tool install --global Realign --add-source OUT
#   bash scripts/publish.sh single-file [OUT]   one self-contained executable for linux-x64 (default OUT: ./artifacts/linux-x64);
#                                               then: OUT/realign serve (no .NET needed on the machine)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kind=${1:-}
case "$kind" in
  tool)
    out=${2:-$root/artifacts/tool}
    dotnet pack "$root/src/Realign.Cli" -c Release -o "$out"
    echo "tool package in $out; install it with: dotnet tool install --global Realign --add-source $out"
    ;;
  single-file)
    out=${2:-$root/artifacts/linux-x64}
    dotnet publish "$root/src/Realign.Cli" -c Release -r linux-x64 --self-contained \
      -p:PublishSingleFile=true -p:DebugType=none -p:GenerateDocumentationFile=false -o "$out"
    echo "single-file build: $out/realign"
    ;;
  *)
    echo "usage: bash scripts/publish.sh tool|single-file [OUT]" >&2
    exit 2
    ;;
esac
