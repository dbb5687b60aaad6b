#!/bin/sh
# Writes man/rehab.1 from the command definitions, with swift-argument-parser's generate-manual
# plugin (it comes with the package checkout, so this works offline), then makes it read like a
# manual: NAME, SYNOPSIS and DESCRIPTION from man/header.mdoc, the options every command takes
# described once there instead of under each command, and ENVIRONMENT, FILES, EXIT STATUS,
# EXAMPLES and SEE ALSO from man/footer.mdoc. Run it after changing a command, option or help
# text, or either file, and commit the page.
set -eu
cd "$(dirname "$0")/.."
date=${REHAB_MANUAL_DATE:-$(date +%Y-%m-%d)}
# A failed run must not leave the previous page to be picked up below.
rm -rf .build/plugins/GenerateManual/outputs
swift package plugin generate-manual --configuration debug --date "$date"
page=$(find .build/plugins -path '*GenerateManual*' -name rehab.1 | head -n 1)
if [ -z "$page" ]; then
    echo "generate-manual.sh: the plugin wrote no rehab.1" >&2
    exit 1
fi
mkdir -p man
awk -v header=man/header.mdoc -v footer=man/footer.mdoc '
    function emit(line) {
        # An option list left empty once the common options are gone is dropped whole.
        if (held != "") {
            if (line == ".El") { held = ""; return }
            print held
            held = ""
        }
        if (line == ".Bl -tag -width 6n") { held = line; return }
        print line
    }
    state == 0 && /^\.Sh NAME/ {
        while ((getline l < header) > 0) print l
        state = 1
        next
    }
    state == 0 { print; next }
    # The generated NAME, SYNOPSIS and DESCRIPTION, up to the list of commands.
    state == 1 { if ($0 == ".Bl -tag -width 6n") { print; state = 2 }; next }
    state == 2 && /^\.Sh "EXIT STATUS"/ {
        emit("")
        while ((getline l < footer) > 0) print l
        state = 3
        next
    }
    state == 3 { next }
    skip { skip = 0; next }
    /^\.It Fl -(db Ar db|lang Ar lang|patient Ar patient|plans Ar plans|version)$/ || /^\.It Fl h , -help$/ {
        skip = 1
        next
    }
    # A text line starting with an apostrophe would be read as a roff request.
    /^'"'"'/ { emit("\\&" $0); next }
    { emit($0) }
' "$page" | sed '/^$/d' > man/rehab.1
echo "wrote man/rehab.1 (try: man ./man/rehab.1)"
