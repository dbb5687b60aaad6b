#!/usr/bin/env bash
# Benchmarks for BENCHMARKS.md: rehab on ten years of one runner and on a 500-patient clinic,
# side by side in one run with the sqlite3 shell answering the same weekly totals with one SQL
# query (the floor) and hledger's weekly register over a journal of the same entries (a peer);
# the full-screen app on a pseudo-terminal; and rehab-bench's in-process figures.
#
# usage: scripts/bench.sh [OUT_DIR]
#   env: RUNS=30; SCRATCH=.build/bench (a build directory of its own); SKIP_BUILD=1;
#        DYNAMIC=1 to link the Swift runtime dynamically (plain `swift build -c release`)
# needs: swift, hyperfine, sqlite3, hledger, python3 (Debian: hyperfine sqlite3 hledger)
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${1:-$(mktemp -d -t rehab-bench.XXXXXX)}
RUNS=${RUNS:-30}
SCRATCH=${SCRATCH:-.build/bench}
# The Swift runtime and Foundation linked in: a process starts in a third of the time.
LINK=--static-swift-stdlib
[ -n "${DYNAMIC:-}" ] && LINK=
mkdir -p "$OUT"
for tool in hyperfine sqlite3 hledger python3; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install $tool)"; exit 1; }
done
if [ -z "${SKIP_BUILD:-}" ]; then
    swift build -c release $LINK --scratch-path "$SCRATCH" --product rehab
    swift build -c release $LINK --scratch-path "$SCRATCH" --product rehab-bench
fi
BIN=$SCRATCH/release
export REHAB_TODAY=2026-03-02 LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_STATE_HOME=$OUT/state
export XDG_CONFIG_HOME=$OUT/config

echo "## machine"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
echo "os: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "build: swift build -c release ${LINK:-(dynamic)}; $(swift --version 2>&1 | head -1)"
echo "tools: $(hyperfine --version), sqlite3 $(sqlite3 --version | cut -d' ' -f1), $(hledger --version | cut -d, -f1)"

echo "## data"
RUNNER=$OUT/runner.sqlite
CLINIC=$OUT/clinic.sqlite
rm -f "$RUNNER"* "$CLINIC"*
/usr/bin/time -f "demo --years 10: %e s, %M KiB peak" "$BIN/rehab" demo --years 10 --db "$RUNNER"
/usr/bin/time -f "demo --years 2 --patients 500: %e s, %M KiB peak" \
    "$BIN/rehab" demo --years 2 --patients 500 --db "$CLINIC"
# One active clinic patient, in the middle of the list.
PATIENT=$(sqlite3 "$CLINIC" "SELECT name FROM patient WHERE archived = 0 ORDER BY name LIMIT 1 OFFSET 250")
PID=$(sqlite3 "$CLINIC" "SELECT id FROM patient WHERE name = '$PATIENT'")
echo "clinic patient: $PATIENT (id $PID)"

# The floor: weekly running km (ISO weeks, Monday first) for one patient, one query.
weekly_sql() {
    echo "SELECT date(date, '-' || ((strftime('%w', date) + 6) % 7) || ' days') AS week," \
        "round(sum(km), 2) FROM session WHERE patient_id = $1 AND activity = 'run'" \
        "GROUP BY week ORDER BY week;"
}

# The peer: one hledger transaction per session, its distance (or minutes) as the amount.
journal() {
    sqlite3 -separator '|' "$1" \
        "SELECT date, activity, km, minutes FROM session WHERE patient_id = $2 ORDER BY date, id" |
        awk -F'|' '{
            amount = ($3 != "") ? $3 " km" : $4 " min"
            printf "%s %s\n    activity:%s  %s\n    effort\n\n", $1, $2, $2, amount
        }' >"$3"
}
journal "$RUNNER" 1 "$OUT/runner.journal"
journal "$CLINIC" "$PID" "$OUT/clinic-patient.journal"
echo "runner journal: $(grep -c '^[0-9]' "$OUT/runner.journal") transactions;" \
    "sessions in the database: $(sqlite3 "$RUNNER" 'SELECT count(*) FROM session')"

echo "## command line (hyperfine, $RUNS runs, medians)"
hyperfine -N -w 3 -r "$RUNS" --export-json "$OUT/runner.json" \
    -n "sqlite3 weekly totals (floor)" "sqlite3 $RUNNER \"$(weekly_sql 1)\"" \
    -n "hledger register -W activity:run" "hledger -f $OUT/runner.journal register -W activity:run" \
    -n "rehab status --json" "$BIN/rehab status --json --db $RUNNER" \
    -n "rehab status" "$BIN/rehab status --db $RUNNER" \
    -n "rehab week --weeks 520 --json" "$BIN/rehab week --weeks 520 --json --db $RUNNER" \
    -n "rehab --version (process start)" "$BIN/rehab --version" >/dev/null
hyperfine -N -w 3 -r "$RUNS" --export-json "$OUT/clinic.json" \
    -n "sqlite3 weekly totals (floor)" "sqlite3 $CLINIC \"$(weekly_sql "$PID")\"" \
    -n "hledger register -W activity:run" \
    "hledger -f $OUT/clinic-patient.journal register -W activity:run" \
    -n "rehab status --json" "$BIN/rehab status --json --db $CLINIC --patient \"$PATIENT\"" \
    -n "rehab week --weeks 520 --json" \
    "$BIN/rehab week --weeks 520 --json --db $CLINIC --patient \"$PATIENT\"" \
    -n "rehab patients (overview)" "$BIN/rehab patients --db $CLINIC" \
    -n "rehab patients --json" "$BIN/rehab patients --json --db $CLINIC" >/dev/null
python3 - "$OUT/runner.json" "$OUT/clinic.json" <<'PY'
import json, sys
for path, title in zip(sys.argv[1:], ["10 years, one runner", "500-patient clinic"]):
    results = json.load(open(path))["results"]
    floor = results[0]["median"]
    peer = results[1]["median"]
    print(f"\n{title}\n| command | median ms | vs sqlite3 | vs hledger |")
    print("|---|---:|---:|---:|")
    for r in results:
        print(f"| {r['command']} | {r['median'] * 1000:.1f} | {r['median'] / floor:.2f}x"
              f" | {r['median'] / peer:.2f}x |")
PY

echo "## peak resident memory (/usr/bin/time, one run each)"
rss() { /usr/bin/time -f "%M KiB  $1" "${@:2}" >/dev/null; }
rss "rehab status --json (runner)" "$BIN/rehab" status --json --db "$RUNNER"
rss "rehab week --weeks 520 --json (runner)" "$BIN/rehab" week --weeks 520 --json --db "$RUNNER"
rss "rehab patients (clinic)" "$BIN/rehab" patients --db "$CLINIC"
rss "hledger register -W (runner journal)" hledger -f "$OUT/runner.journal" register -W activity:run

echo "## full-screen app on a pseudo-terminal (80x24)"
python3 scripts/tui-bytes.py "$BIN/rehab" "$RUNNER" 10 | tee "$OUT/tui.json"

echo "## in process (rehab-bench)"
"$BIN/rehab-bench" --db "$RUNNER" --plans plans --runs "$RUNS"
echo "-- clinic, patient $PATIENT"
"$BIN/rehab-bench" --db "$CLINIC" --plans plans --patient "$PATIENT" --runs 5
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "files in $OUT"
