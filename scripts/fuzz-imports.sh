#!/usr/bin/env bash
# Builds a libFuzzer binary around the import readers (JSON and CSV archives, GPX/TCX run
# files) and runs it.
#
#   scripts/fuzz-imports.sh [SECONDS] [extra libFuzzer flags...]    (default 600 seconds)
#   REHAB_FUZZ_READER=json|csv|run scripts/fuzz-imports.sh 600       (one reader only)
#   FUZZ_NO_BUILD=1 ...                                               (reuse the binary)
#
# As scripts/fuzz-plans.sh: SwiftPM cannot link a libFuzzer executable on Linux, so RehabCore
# and RehabFiles (the file formats: no database) are compiled from their sources with coverage
# and AddressSanitizer,
# then linked with Fuzz/ImportFuzzer.swift. The seed corpus is Fuzz/corpus/imports (committed);
# crashes go to .build/fuzz-imports/crashes/. See FUZZING.md.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
shift || true

out=.build/fuzz-imports
mkdir -p "$out/obj" "$out/modules" "$out/corpus" "$out/crashes"

swift_flags=(-O -g -sanitize=fuzzer,address -parse-as-library -wmo -I "$out/modules"
  -I "$out/modules/CXMLReader")

if [ -z "${FUZZ_NO_BUILD:-}" ] || [ ! -x "$out/fuzz-imports" ]; then
echo "== RehabCore"
swiftc "${swift_flags[@]}" -module-name RehabCore -emit-module \
  -emit-module-path "$out/modules/RehabCore.swiftmodule" \
  -c Sources/RehabCore/*.swift -o "$out/obj/RehabCore.o"

echo "== CXMLReader (libxml2, opened with dlopen by the run-file reader)"
mkdir -p "$out/modules/CXMLReader"
printf 'module CXMLReader {\n  header "%s/Sources/CXMLReader/include/CXMLReader.h"\n  export *\n}\n' \
  "$PWD" > "$out/modules/CXMLReader/module.modulemap"
clang -O1 -g -fsanitize=fuzzer-no-link,address -I Sources/CXMLReader/include \
  -c Sources/CXMLReader/CXMLReader.c -o "$out/obj/CXMLReader.o"

echo "== RehabFiles"
swiftc "${swift_flags[@]}" -module-name RehabFiles -emit-module \
  -emit-module-path "$out/modules/RehabFiles.swiftmodule" \
  -c Sources/RehabFiles/*.swift -o "$out/obj/RehabFiles.o"

echo "== fuzzer"
swiftc "${swift_flags[@]}" -module-name ImportFuzzer Fuzz/ImportFuzzer.swift \
  "$out"/obj/*.o -ldl -o "$out/fuzz-imports"
fi

# The seeds (the first byte picks the reader); with one reader, also what earlier runs of that
# reader found (merged, committed in Fuzz/corpus/imports-READER).
cp Fuzz/corpus/imports/* "$out/corpus/" 2>/dev/null || true
if [ -n "${REHAB_FUZZ_READER:-}" ] && [ -d "Fuzz/corpus/imports-$REHAB_FUZZ_READER" ]; then
  cp "Fuzz/corpus/imports-$REHAB_FUZZ_READER"/* "$out/corpus/" 2>/dev/null || true
fi

echo "== running for $seconds s (reader: ${REHAB_FUZZ_READER:-all, by the first byte})"
export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan-imports.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
# -timeout=1: any single input that takes a second or more counts as a failure (a hang).
exec "$out/fuzz-imports" "$out/corpus" -max_total_time="$seconds" -timeout=1 \
  -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="$out/crashes/" "$@"
