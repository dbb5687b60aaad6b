#!/usr/bin/env bash
# Builds a libFuzzer binary around the plan-file parser and runs it.
#
#   scripts/fuzz-plans.sh [SECONDS] [extra libFuzzer flags...]    (default 600 seconds)
#
# SwiftPM cannot link a libFuzzer executable target on Linux, so this compiles the three pieces
# the parser needs straight from their sources, each instrumented for coverage and
# AddressSanitizer: libyaml (Yams' CYaml, C), RehabCore and RehabPlans (Swift), then the entry
# point in Fuzz/PlanFuzzer.swift. The seed corpus is plans/*.yaml. Crashes are written to
# .build/fuzz-plans/crashes/; see FUZZING.md for how to replay one.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
shift || true

out=.build/fuzz-plans
yams=.build/checkouts/Yams/Sources/CYaml
if [ ! -d "$yams" ]; then
  swift package resolve
fi
mkdir -p "$out/obj" "$out/modules" "$out/corpus" "$out/crashes"

echo "== libyaml (C)"
for src in "$yams"/src/*.c; do
  clang -c -O1 -g -fsanitize=fuzzer-no-link,address -DYAML_DECLARE_STATIC \
    -I "$yams/include" "$src" -o "$out/obj/$(basename "$src" .c).o"
done

# RehabPlans imports CYaml, so every step that sees RehabPlans needs libyaml's module map.
swift_flags=(-O -g -sanitize=fuzzer,address -parse-as-library -wmo -I "$out/modules"
  -Xcc -fmodule-map-file="$yams/include/module.modulemap" -Xcc -I"$yams/include")

echo "== RehabCore"
swiftc "${swift_flags[@]}" -module-name RehabCore -emit-module \
  -emit-module-path "$out/modules/RehabCore.swiftmodule" \
  -c Sources/RehabCore/*.swift -o "$out/obj/RehabCore.o"

echo "== RehabPlans"
swiftc "${swift_flags[@]}" -module-name RehabPlans -emit-module \
  -emit-module-path "$out/modules/RehabPlans.swiftmodule" \
  -c Sources/RehabPlans/*.swift -o "$out/obj/RehabPlans.o"

echo "== fuzzer"
swiftc "${swift_flags[@]}" -module-name PlanFuzzer Fuzz/PlanFuzzer.swift \
  "$out"/obj/*.o -o "$out/fuzz-plans"

cp plans/*.yaml "$out/corpus/"

echo "== running for $seconds s"
# -timeout=1: any single input that takes a second or more counts as a failure (a hang).
exec "$out/fuzz-plans" "$out/corpus" -max_total_time="$seconds" -timeout=1 \
  -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
  -artifact_prefix="$out/crashes/" "$@"
