#!/bin/sh
# Writes man/rehab.1 from the command definitions, with swift-argument-parser's generate-manual
# plugin (it comes with the package checkout, so this works offline). Run it after changing a
# command, option or help text, and commit the page.
set -eu
cd "$(dirname "$0")/.."
date=${REHAB_MANUAL_DATE:-$(date +%Y-%m-%d)}
swift package plugin generate-manual --configuration debug --date "$date"
page=$(find .build/plugins -path '*GenerateManual*' -name rehab.1 | head -n 1)
if [ -z "$page" ]; then
    echo "generate-manual.sh: the plugin wrote no rehab.1" >&2
    exit 1
fi
mkdir -p man
cp "$page" man/rehab.1
echo "wrote man/rehab.1 (try: man ./man/rehab.1)"
