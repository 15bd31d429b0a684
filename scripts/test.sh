#!/usr/bin/env bash
# Runs every test: builds warning-free, starts a throwaway PostgreSQL for the storage suites,
# runs all test projects, stops PostgreSQL, and prints the totals as "N passed, M failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
results="$root/TestResults"
rm -rf "$results"; mkdir -p "$results"

pgdir=$(mktemp -d /tmp/realign-pg.XXXXXX)
cleanup() { bash "$root/scripts/pg-cluster.sh" stop "$pgdir"; }
trap cleanup EXIT
if [ -z "${REALIGN_TEST_PG:-}" ]; then
  if conn=$(bash "$root/scripts/pg-cluster.sh" start "$pgdir"); then
    export REALIGN_TEST_PG="$conn"
  else
    echo "warning: no PostgreSQL cluster; PostgreSQL suites will fail" >&2
  fi
fi
export REALIGN_REQUIRE_PG=1

dotnet build Realign.slnx -c Release -warnaserror 2>&1 | tail -3
build=${PIPESTATUS[0]}
if [ "$build" != 0 ]; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test Realign.slnx -c Release --no-build --logger "trx" --results-directory "$results" "$@"
status=$?

python3 "$root/scripts/trx-totals.py" "$results"
totals=$?
[ "$status" = 0 ] && [ "$totals" = 0 ]
