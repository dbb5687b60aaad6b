#!/usr/bin/env bash
# The memory of `rehab import` on a 100 MB CSV export (1.4 million sessions of one patient,
# all in the plan's first phase), and `rehab status` on the database it makes: the figures of
# BENCHMARKS.md's "Import of a 100 MB export". FORMAT=json writes the same patient as a
# pretty-printed JSON export instead (370,000 sessions make about 100 MB there).
#
# usage: [FORMAT=json] scripts/bench-import.sh [REHAB_BINARY]   (default: .build/debug/rehab)
# needs: python3, GNU time (/usr/bin/time)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-.build/debug/rehab}")
OUT=$(mktemp -d -t rehab-import.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
FORMAT=${FORMAT:-csv}
FILE=$OUT/big.$FORMAT
if [ "$FORMAT" = json ]; then
python3 - "$FILE" <<'PY'
import datetime, sys
start, n = datetime.date(2020, 1, 1), 370_000
session = '''        {
          "activity" : "cycle",
          "date" : "%s",
          "flags" : [

          ],
          "lasted_over_2h" : false,
          "minutes" : 30,
          "note" : "easy spin",
          "pain_after" : 1,
          "pain_during" : 1
        }'''
with open(sys.argv[1], "w") as out:
    out.write('{\n  "format" : "rehab-export",\n  "patients" : [\n    {\n')
    out.write('      "archived" : false,\n      "assignment" : {\n')
    out.write('        "phase_history" : [ { "date" : "2020-01-01", "phase" : "calm_down", '
              '"reason" : "start" } ],\n')
    out.write('        "plan_id" : "itbs",\n        "start_date" : "2020-01-01",\n')
    out.write('        "starting_weekly_km" : 12,\n        "variant_id" : "acute"\n      },\n')
    out.write('      "clearings" : [ ],\n      "language" : "en",\n      "mornings" : [ ],\n')
    out.write('      "name" : "Big",\n      "sessions" : [\n')
    for i in range(n):
        day = start + datetime.timedelta(days=i * 2400 // n)
        out.write(session % day.isoformat())
        out.write(",\n" if i < n - 1 else "\n")
    out.write('      ],\n      "shoes" : [ ]\n    }\n  ],\n  "version" : 1\n}\n')
PY
else
python3 - "$FILE" <<'PY'
import datetime, sys
columns = ("record,patient,language,archived,plan,variant,start_date,starting_weekly_km,"
           "overrides,phase,date,reason,id,activity,km,minutes,pain_during,pain_after,"
           "lasted_over_2h,flags,shoe,note,calf_raises,hop_test,start_time,pain,start_km,"
           "retire_km,yaml").split(",")
def row(**cells):
    return ",".join(cells.get(c, "") for c in columns) + "\r\n"
with open(sys.argv[1], "w", newline="") as out:
    out.write(",".join(columns) + "\r\n")
    out.write(row(record="patient", patient="Big", language="en", archived="false"))
    out.write(row(record="assignment", patient="Big", plan="itbs", variant="acute",
                  start_date="2020-01-01", starting_weekly_km="12"))
    out.write(row(record="phase_change", patient="Big", phase="calm_down", date="2020-01-01",
                  reason="start"))
    start, n = datetime.date(2020, 1, 1), 1_400_000
    for i in range(n):
        day = start + datetime.timedelta(days=i * 2400 // n)
        out.write(row(record="session", patient="Big", date=day.isoformat(), activity="cycle",
                      minutes="30", pain_during="1", pain_after="1", lasted_over_2h="false",
                      note="easy spin"))
PY
fi
export REHAB_DB=$OUT/big.sqlite REHAB_TODAY=2026-12-03 XDG_STATE_HOME=$OUT/state
echo "file: $(stat -c %s "$FILE") bytes"
/usr/bin/time -f "import: %e s wall, peak %M KiB" "$BIN" import "$FILE"
for i in 1 2 3; do
    /usr/bin/time -f "status: %e s wall, peak %M KiB" "$BIN" status >/dev/null
done
