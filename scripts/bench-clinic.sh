#!/usr/bin/env bash
# Clinic mode on PostgreSQL against SQLite, on the same generated data (BENCHMARKS.md, "Clinic
# on PostgreSQL"): a throwaway PostgreSQL cluster on a Unix socket, a clinic of PATIENTS
# patients with two years of sessions and morning checks each, the same rows copied into two
# SQLite files (every patient; the CARE patients of one physio), then timed:
#   rehab patients   as a physio with CARE patients in their care / on the SQLite file of them;
#   rehab status     as a patient's own login and as their physio / on SQLite;
#   WRITERS patients logging at once for SECONDS seconds (each its own login and loop of
#   `rehab log`), counted afterwards against the rows stored; the same on one SQLite file.
#
# usage: scripts/bench-clinic.sh [OUT_DIR]
#   env: REHAB=.build/release/rehab (build it first: swift build -c release --product rehab)
#        PATIENTS=5000 CARE=200 WRITERS=32 SECONDS_LOGGING=60 RUNS=20 (with REUSE=1,
#        WRITERS=0 times the reads only)
#        KEEP=1 leaves the cluster running and the data in OUT_DIR (stop it with the command
#        printed at the end); REUSE=1 measures again on a kept OUT_DIR without generating;
#        GENERATE_ONLY=1 stops after generating (with KEEP=1: generate once, measure often).
# needs: PostgreSQL (initdb, pg_ctl under /usr/lib/postgresql/*/bin), psql, sqlite3, hyperfine,
#        jq. As root the server runs as the postgres user (PostgreSQL refuses root).
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${1:-$(mktemp -d -t rehab-clinic-bench.XXXXXX)}
REHAB=$(realpath "${REHAB:-.build/release/rehab}")
PATIENTS=${PATIENTS:-5000}
CARE=${CARE:-200}
WRITERS=${WRITERS:-32}
SECONDS_LOGGING=${SECONDS_LOGGING:-60}
RUNS=${RUNS:-20}
TODAY=2026-03-02
PORT=5432
SUPER=rehab_super
OWNER=clinic_owner
DB=clinic

for tool in psql sqlite3 hyperfine jq; do
    command -v "$tool" >/dev/null || { echo "bench-clinic: $tool is missing"; exit 1; }
done
[ -x "$REHAB" ] || { echo "bench-clinic: no rehab binary at $REHAB (swift build -c release --product rehab)"; exit 1; }
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$PGBIN/initdb" ] || { echo "bench-clinic: PostgreSQL is not installed (apt-get install postgresql)"; exit 1; }

mkdir -p "$OUT"
OUT=$(realpath "$OUT")
# The server's folder (its data, socket and log), owned by the user it runs as.
SERVER=$OUT/server
SOCKET=$SERVER/socket
DATA=$SERVER/data
export REHAB_TODAY=$TODAY LANG=C.UTF-8 LC_ALL=C.UTF-8 REHAB_LANG=en PGCONNECT_TIMEOUT=10
export XDG_STATE_HOME=$OUT/state XDG_CONFIG_HOME=$OUT/config HOME=$OUT/home
unset PGPASSWORD PGHOST PGUSER PGDATABASE REHAB_DB REHAB_PATIENT
mkdir -p "$HOME"

# PostgreSQL's programs as the user that owns the cluster.
as_server() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
start_server() {
    as_server "$PGBIN/pg_ctl" -D "$DATA" -l "$SERVER/log" -w \
        -o "-k $SOCKET -c listen_addresses='' -p $PORT -c max_connections=100" start >/dev/null
}
stop_server() {
    as_server "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
}
cleanup() {
    if [ -n "${KEEP:-}" ]; then
        echo "kept: $OUT (stop with: $( [ "$(id -u)" = 0 ] && echo "runuser -u postgres -- ")$PGBIN/pg_ctl -D $DATA stop)"
    else
        stop_server
        rm -rf "$OUT"
    fi
}
trap cleanup EXIT
sql() { psql -h "$SOCKET" -p "$PORT" -U "$1" -d "${2:-$DB}" -X -q -A -t -v ON_ERROR_STOP=1; }
url() { echo "postgresql://$1@/$DB?host=$SOCKET&port=$PORT"; }

echo "## machine"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
echo "os: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
echo "postgres: $("$PGBIN/postgres" --version); sqlite3 $(sqlite3 --version | cut -d' ' -f1); $(hyperfine --version)"
echo "rehab: $REHAB ($("$REHAB" --version))"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

PHYSIOS=$(( (PATIENTS + CARE - 1) / CARE ))
physio() { printf 'physio_%02d' "$1"; }
patient_login() { printf 'runner_%04d' "$1"; }
patient_name() { printf 'Patient %04d' "$1"; }
# The writers are the last patients, in another physio's care than the one timed.
FIRST_WRITER=$(( PATIENTS - WRITERS + 1 ))

generate() {
    rm -rf "$SERVER" && mkdir -p "$SOCKET" "$DATA"
    if [ "$(id -u)" = 0 ]; then
        chmod 755 "$OUT"
        chown -R postgres:postgres "$SERVER"
    fi
    as_server "$PGBIN/initdb" -D "$DATA" -A trust -U "$SUPER" -E UTF8 --locale=C.UTF-8 >/dev/null
    start_server
    echo "CREATE ROLE $OWNER LOGIN CREATEROLE" | sql "$SUPER" postgres
    echo "CREATE DATABASE $DB OWNER $OWNER" | sql "$SUPER" postgres
    "$REHAB" clinic init --db "$(url "$OWNER")" >/dev/null
    for n in $(seq 1 "$PHYSIOS"); do
        "$REHAB" clinic add-physio "$(physio "$n")" --db "$(url "$OWNER")" >/dev/null
    done

    local start=$SECONDS
    # Straight into the tables as the superuser, triggers off (session_replication_role):
    # no access-log row per generated row, no foreign-key check per row. Each patient: a plan
    # of the catalogue started two years (and 0-29 days) before today through its three
    # phases, a recurrence 60-149 days ago that put them back in the first phase and through
    # the phases again; a session on four days in seven (runs, walks, rides, strength), pain
    # mostly 0-1; a morning check on nine days in ten; every 50th patient a fever one morning
    # in the first year, cleared three days later. Pseudo-random from (patient, day).
    sql "$SUPER" >/dev/null <<SQL
SET session_replication_role = replica;
BEGIN;
CREATE TEMP TABLE bench_plan AS
SELECT p::bigint AS pid,
       (ARRAY['itbs', 'groin_tendinopathy', 'knee_pain_after_running', 'mcl_sprain',
              'medial_meniscus', 'patellofemoral_pain', 'pes_anserinus', 'plantar_fasciitis',
              'shin_splints', 'ankle_sprain', 'calf_injury', 'hamstring_injury'])[p % 12 + 1]
           AS plan,
       CASE WHEN p % 12 < 9 THEN 'calm_down' ELSE 'protect' END AS first_phase,
       date '$TODAY' - 729 - (p % 30) AS first_day,
       date '$TODAY' - (60 + (p * 37) % 90) AS back
FROM generate_series(1, $PATIENTS) p;

INSERT INTO rehab.patient (id, name) OVERRIDING SYSTEM VALUE
SELECT pid, 'Patient ' || lpad(pid::text, 4, '0') FROM bench_plan;
SELECT setval(pg_get_serial_sequence('rehab.patient', 'id'), $PATIENTS);
INSERT INTO rehab.care_team (patient_id, physio)
SELECT pid, 'physio_' || lpad(((pid - 1) / $CARE + 1)::text, 2, '0') FROM bench_plan;

INSERT INTO rehab.assignment (patient_id, plan_id, start_date, starting_weekly_km)
SELECT pid, plan, first_day, 10 + pid % 20 FROM bench_plan;
INSERT INTO rehab.phase_change (patient_id, phase_id, date, reason)
SELECT pid, phase, date, reason FROM (
    SELECT pid, first_phase AS phase, first_day AS date, 'start' AS reason FROM bench_plan
    UNION ALL SELECT pid, 'build_up', first_day + 14, 'advance' FROM bench_plan
    UNION ALL SELECT pid, 'return_to_running', first_day + 40, 'advance' FROM bench_plan
    UNION ALL SELECT pid, first_phase, back, 'step_back' FROM bench_plan
    UNION ALL SELECT pid, 'build_up', back + 12, 'advance' FROM bench_plan
    UNION ALL SELECT pid, 'return_to_running', back + 35, 'advance' FROM bench_plan
) c ORDER BY pid, date;

INSERT INTO rehab.session (patient_id, date, activity, km, minutes, pain_during, pain_after)
SELECT pid, day, activity, km, CASE activity WHEN 'run' THEN round(km * 6)
    WHEN 'walk' THEN round(km * 12) WHEN 'cycle' THEN round(km * 3) ELSE 30 END,
    CASE WHEN h / 4200 % 20 < 12 THEN 0 WHEN h / 4200 % 20 < 17 THEN 1
         WHEN h / 4200 % 20 < 19 THEN 2 ELSE 3 END,
    CASE WHEN h / 84000 % 20 < 13 THEN 0 WHEN h / 84000 % 20 < 18 THEN 1 ELSE 2 END
FROM (
    SELECT pid, day, h,
        CASE WHEN h / 7 % 10 < 6 THEN 'run' WHEN h / 7 % 10 < 8 THEN 'walk'
             WHEN h / 7 % 10 < 9 THEN 'cycle' ELSE 'strength' END AS activity,
        CASE WHEN h / 7 % 10 < 6 THEN 3 + (h / 70 % 61) / 10.0
             WHEN h / 7 % 10 < 8 THEN 2 + (h / 70 % 41) / 10.0
             WHEN h / 7 % 10 < 9 THEN 10 + h / 70 % 21 END AS km
    FROM (
        SELECT pid, first_day + k AS day,
               (pid * 1103515245 + k * 2654435761) % 2147483647 AS h
        FROM bench_plan, generate_series(0, date '$TODAY' - first_day) k
    ) d WHERE h % 7 < 4
) s ORDER BY pid, day;

INSERT INTO rehab.morning_check (patient_id, date, pain)
SELECT pid, day, CASE WHEN m / 10 % 20 < 14 THEN 0 WHEN m / 10 % 20 < 18 THEN 1 ELSE 2 END
FROM (
    SELECT pid, first_day + k AS day,
           (pid * 2246822519 + k * 3266489917) % 2147483647 AS m
    FROM bench_plan, generate_series(0, date '$TODAY' - first_day) k
) d WHERE m % 10 <> 0 ORDER BY pid, day;

INSERT INTO rehab.morning_check (patient_id, date, pain, flags)
SELECT pid, first_day + 200, 3, '["fever"]' FROM bench_plan WHERE pid % 50 = 0
ON CONFLICT (patient_id, date) DO UPDATE SET pain = 3, flags = '["fever"]';
INSERT INTO rehab.flag_clearing (patient_id, date, reason)
SELECT pid, first_day + 203, 'Seen by the GP: a cold, no joint infection'
FROM bench_plan WHERE pid % 50 = 0;
COMMIT;
VACUUM ANALYZE;
SQL
    # Logins for the patients timed and the writers, made as rehab clinic add-patient makes
    # them (a role in rehab_patient, named in the patient row).
    {
        for n in 1 $(seq "$FIRST_WRITER" "$PATIENTS"); do
            echo "CREATE ROLE $(patient_login "$n") LOGIN IN ROLE rehab_patient;"
            echo "UPDATE rehab.patient SET login = '$(patient_login "$n")' WHERE id = $n;"
        done
    } | sql "$OWNER"
    echo "generated in PostgreSQL: $((SECONDS - start)) s"

    # The same rows into SQLite: a schema rehab made, filled from the clinic's rows.
    start=$SECONDS
    local csv=$OUT/csv
    mkdir -p "$csv"
    export_table() {
        echo "\\copy ($2) TO '$csv/$1.csv' CSV HEADER" | sql "$SUPER"
    }
    export_table patient "SELECT id, name FROM rehab.patient ORDER BY id"
    export_table assignment "SELECT patient_id, plan_id, start_date::text AS start_date, starting_weekly_km::float8 AS starting_weekly_km FROM rehab.assignment"
    export_table phase_change "SELECT id, patient_id, phase_id, date::text AS date, reason FROM rehab.phase_change ORDER BY id"
    export_table session "SELECT id, patient_id, date::text AS date, activity, km::float8 AS km, minutes, pain_during, pain_after FROM rehab.session ORDER BY id"
    export_table morning_check "SELECT id, patient_id, date::text AS date, pain, flags::text AS flags FROM rehab.morning_check ORDER BY id"
    export_table flag_clearing "SELECT id, patient_id, date::text AS date, reason, cleared::text AS cleared FROM rehab.flag_clearing ORDER BY id"
    fill_sqlite "$OUT/all.sqlite" "$PATIENTS"
    fill_sqlite "$OUT/care.sqlite" "$CARE"
    rm -rf "$csv"
    echo "copied into SQLite: $((SECONDS - start)) s"
}

# A SQLite file with rehab's schema and the clinic's patients 1...$2 (the first physio's).
fill_sqlite() {
    local file=$1 last=$2
    rm -f "$file"*
    "$REHAB" patients add Placeholder --db "$file" >/dev/null
    sqlite3 "$file" <<SQL
.bail on
.mode csv
.import $OUT/csv/patient.csv s_patient
.import $OUT/csv/assignment.csv s_assignment
.import $OUT/csv/phase_change.csv s_phase_change
.import $OUT/csv/session.csv s_session
.import $OUT/csv/morning_check.csv s_morning_check
.import $OUT/csv/flag_clearing.csv s_flag_clearing
BEGIN;
DELETE FROM patient;
INSERT INTO patient (id, name) SELECT id, name FROM s_patient WHERE id + 0 <= $last;
INSERT INTO assignment (patient_id, plan_id, start_date, starting_weekly_km)
SELECT patient_id, plan_id, start_date, starting_weekly_km + 0.0 FROM s_assignment
WHERE patient_id + 0 <= $last;
INSERT INTO phase_change (id, patient_id, phase_id, date, reason)
SELECT id, patient_id, phase_id, date, reason FROM s_phase_change WHERE patient_id + 0 <= $last;
INSERT INTO session (id, patient_id, date, activity, km, minutes, pain_during, pain_after)
SELECT id, patient_id, date, activity, CASE km WHEN '' THEN NULL ELSE km + 0.0 END, minutes,
    pain_during, pain_after
FROM s_session WHERE patient_id + 0 <= $last;
INSERT INTO morning_check (id, patient_id, date, pain, flags)
SELECT id, patient_id, date, pain, flags FROM s_morning_check WHERE patient_id + 0 <= $last;
INSERT INTO flag_clearing (id, patient_id, date, reason, cleared)
SELECT id, patient_id, date, reason, cleared FROM s_flag_clearing WHERE patient_id + 0 <= $last;
DROP TABLE s_patient; DROP TABLE s_assignment; DROP TABLE s_phase_change;
DROP TABLE s_session; DROP TABLE s_morning_check; DROP TABLE s_flag_clearing;
COMMIT;
VACUUM;
SQL
}

if [ -n "${REUSE:-}" ] && [ -f "$OUT/all.sqlite" ]; then
    as_server "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1 || start_server
else
    generate
fi

echo "## data"
echo "postgres: $(echo "SELECT count(*) FROM rehab.patient" | sql "$SUPER") patients," \
    "$(echo "SELECT count(*) FROM rehab.session" | sql "$SUPER") sessions," \
    "$(echo "SELECT count(*) FROM rehab.morning_check" | sql "$SUPER") morning checks," \
    "$(echo "SELECT count(*) FROM rehab.phase_change" | sql "$SUPER") phase changes;" \
    "database $(echo "SELECT pg_size_pretty(pg_database_size('$DB'))" | sql "$SUPER")"
for file in all care; do
    echo "sqlite $file: $(sqlite3 "$OUT/$file.sqlite" "SELECT (SELECT count(*) FROM patient) || ' patients, ' || (SELECT count(*) FROM session) || ' sessions, ' || (SELECT count(*) FROM morning_check) || ' morning checks'"); file $(du -h "$OUT/$file.sqlite" | cut -f1)"
done
echo "$(physio 1) sees: $(echo "SELECT count(*) FROM rehab.patient" | sql "$(physio 1)") patients"
[ -n "${GENERATE_ONLY:-}" ] && exit 0

# hyperfine's median and spread of one command, in milliseconds.
time_it() {
    local label=$1
    shift
    hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$OUT/time.json" "$@" >/dev/null 2>"$OUT/time.err" \
        || { echo "$label: failed"; cat "$OUT/time.err"; "$@" | tail -3; return; }
    jq -r --arg name "$label" '.results[0] | "\($name): median \(.median * 1000 | . * 10 | round / 10) ms, min \(.min * 1000 | . * 10 | round / 10), max \(.max * 1000 | . * 10 | round / 10) (\(.times | length) runs, user \(.user * 1000 | round) ms)"' "$OUT/time.json"
}
q() { printf '%q ' "$@"; }

echo "## reads (hyperfine, 3 warm-ups, $RUNS runs; load $(cut -d' ' -f1 /proc/loadavg))"
P1=$(patient_name 1)
time_it "postgres: rehab patients, $(physio 1) ($CARE patients)" "$(q "$REHAB" patients --db "$(url "$(physio 1)")")"
time_it "sqlite:   rehab patients, the same $CARE patients" "$(q "$REHAB" patients --db "$OUT/care.sqlite")"
time_it "postgres: rehab patients --json" "$(q "$REHAB" patients --json --db "$(url "$(physio 1)")")"
time_it "sqlite:   rehab patients --json" "$(q "$REHAB" patients --json --db "$OUT/care.sqlite")"
time_it "postgres: rehab status, the patient's own login" "$(q "$REHAB" status --db "$(url "$(patient_login 1)")")"
time_it "postgres: rehab status --patient, their physio" "$(q "$REHAB" status --patient "$P1" --db "$(url "$(physio 1)")")"
time_it "sqlite:   rehab status --patient, $CARE-patient file" "$(q "$REHAB" status --patient "$P1" --db "$OUT/care.sqlite")"
time_it "sqlite:   rehab status --patient, $PATIENTS-patient file" "$(q "$REHAB" status --patient "$P1" --db "$OUT/all.sqlite")"
time_it "rehab --version (process start)" "$(q "$REHAB" --version)"
cmp <("$REHAB" patients --json --db "$(url "$(physio 1)")") <("$REHAB" patients --json --db "$OUT/care.sqlite") \
    && echo "patients --json: the same on both engines" \
    || echo "patients --json: DIFFERENT on the two engines"

# WRITERS loops of `rehab log`, each with its own patient and a note per write; prints one
# line per attempt: start and end (ns since the epoch), exit status, note.
writer() {
    local n=$1 deadline=$2 out=$3 i=0 t0 t1 rc
    shift 3
    : >"$out"
    while [ "$(date +%s)" -lt "$deadline" ]; do
        i=$((i + 1))
        t0=$(date +%s%N)
        rc=0
        "$REHAB" log "$@" --activity walk --minutes 20 --pain-during 0 \
            --pain-after 0 --note "bench w$n #$i" >/dev/null 2>>"$out.err" || rc=$?
        t1=$(date +%s%N)
        echo "$t0 $t1 $rc bench w$n #$i" >>"$out"
    done
}
logging() {
    local engine=$1 dir=$OUT/log-$1
    rm -rf "$dir" && mkdir -p "$dir"
    # A run before this one (REUSE=1) leaves its rows: gone, so each run starts alike.
    if [ "$engine" = postgres ]; then
        echo "SET session_replication_role = replica; DELETE FROM rehab.session WHERE note LIKE 'bench w%'" | sql "$SUPER" >/dev/null
    else
        sqlite3 "$OUT/all.sqlite" "DELETE FROM session WHERE note LIKE 'bench w%'"
    fi
    local begin=$(date +%s%N) deadline=$(( $(date +%s) + SECONDS_LOGGING ))
    for n in $(seq 1 "$WRITERS"); do
        local id=$((FIRST_WRITER + n - 1))
        if [ "$engine" = postgres ]; then
            writer "$n" "$deadline" "$dir/$n" --db "$(url "$(patient_login "$id")")" &
        else
            writer "$n" "$deadline" "$dir/$n" --db "$OUT/all.sqlite" --patient "$(patient_name "$id")" &
        fi
    done
    wait
    local end=$(date +%s%N)
    cat "$dir"/[0-9]* >"$dir/all"
    local ok errors
    ok=$(awk '$3 == 0' "$dir/all" | wc -l)
    errors=$(awk '$3 != 0' "$dir/all" | wc -l)
    awk '$3 == 0 { print ($2 - $1) / 1e6 }' "$dir/all" | sort -n >"$dir/ms"
    local p50 p95 max
    p50=$(awk '{ a[NR] = $1 } END { print a[int((NR + 1) * 0.50)] }' "$dir/ms")
    p95=$(awk '{ a[NR] = $1 } END { print a[int(NR * 0.95 + 0.5)] }' "$dir/ms")
    max=$(tail -1 "$dir/ms")
    echo "$engine: $WRITERS writers, $(( (end - begin) / 1000000 )) ms: $ok acknowledged," \
        "$errors refused, $(awk -v n="$ok" -v ns=$((end - begin)) 'BEGIN { printf "%.1f", n / (ns / 1e9) }') writes/s;" \
        "latency p50 ${p50%.*} ms, p95 ${p95%.*} ms, max ${max%.*} ms"
    [ "$errors" -gt 0 ] && sort "$dir"/*.err | uniq -c | sort -rn | head -5
    # Every acknowledged note stored once, no refused one stored.
    awk '$3 == 0 { $1 = $2 = $3 = ""; sub(/^ +/, ""); print }' "$dir/all" | sort >"$dir/acknowledged"
    awk '$3 != 0 { $1 = $2 = $3 = ""; sub(/^ +/, ""); print }' "$dir/all" | sort >"$dir/refused"
    if [ "$engine" = postgres ]; then
        echo "SELECT note FROM rehab.session WHERE note LIKE 'bench w%'" | sql "$SUPER"
    else
        sqlite3 "$OUT/all.sqlite" "SELECT note FROM session WHERE note LIKE 'bench w%'"
    fi | sort >"$dir/stored"
    local stored lost duplicated extra
    stored=$(wc -l <"$dir/stored")
    lost=$(comm -23 "$dir/acknowledged" <(sort -u "$dir/stored") | wc -l)
    duplicated=$(uniq -d "$dir/stored" | wc -l)
    extra=$(comm -13 "$dir/acknowledged" <(sort -u "$dir/stored") | wc -l)
    echo "$engine: $stored rows stored for $ok acknowledged writes: $lost lost, $duplicated duplicated," \
        "$extra stored without an acknowledgement"
}

if [ "$WRITERS" -gt 0 ]; then
    echo "## $WRITERS patients logging for $SECONDS_LOGGING s (load $(cut -d' ' -f1 /proc/loadavg))"
    logging postgres
    echo "## the same on one SQLite file (load $(cut -d' ' -f1 /proc/loadavg))"
    logging sqlite
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
