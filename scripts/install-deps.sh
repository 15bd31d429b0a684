#!/usr/bin/env bash
# Installs the system packages the tests need on a fresh Debian machine: PostgreSQL server binaries, ICU
# (Unicode normalization for field-name admission; the .NET SDK needs it too), and Chromium (the review UI's browser
# tests drive it with Playwright; nothing is downloaded by Playwright itself).
set -euo pipefail
need=()
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || need+=(postgresql)
ls /usr/lib/*/libicuuc.so.* >/dev/null 2>&1 || need+=(libicu72)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "missing packages: ${need[*]} (run as root to install)" >&2; exit 0; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
