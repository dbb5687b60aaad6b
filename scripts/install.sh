#!/bin/sh
# Installs rehab: a release build with the Swift runtime linked in (the plan catalogue is built
# into the binary), the man page and shell completions.
#
#   scripts/install.sh                   # into ~/.local (bin/rehab, share/man/man1/rehab.1, ...)
#   scripts/install.sh --prefix /usr/local
#   scripts/install.sh --binary PATH     # install an already built binary instead of building
#   scripts/install.sh --uninstall [--prefix DIR]
set -eu
cd "$(dirname "$0")/.."

prefix="$HOME/.local"
binary=""
uninstall=0
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix=${2:?--prefix needs a folder}; shift 2 ;;
        --prefix=*) prefix=${1#--prefix=}; shift ;;
        --binary) binary=${2:?--binary needs a file}; shift 2 ;;
        --binary=*) binary=${1#--binary=}; shift ;;
        --uninstall) uninstall=1; shift ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done

bin="$prefix/bin"
man1="$prefix/share/man/man1"
bash_dir="$prefix/share/bash-completion/completions"
zsh_dir="$prefix/share/zsh/site-functions"
fish_dir="$prefix/share/fish/vendor_completions.d"

if [ "$uninstall" = 1 ]; then
    rm -f "$bin/rehab" "$man1/rehab.1" "$bash_dir/rehab" "$zsh_dir/_rehab" "$fish_dir/rehab.fish"
    echo "removed rehab from $prefix (your data in ~/.local/share/rehab stays)"
    exit 0
fi

if [ -z "$binary" ]; then
    swift build -c release --product rehab --static-swift-stdlib
    binary="$(swift build -c release --show-bin-path)/rehab"
fi
[ -x "$binary" ] || { echo "install.sh: no executable at $binary" >&2; exit 1; }

mkdir -p "$bin" "$man1" "$bash_dir" "$zsh_dir" "$fish_dir"
# A copy under a temporary name, then a rename: a running rehab keeps its old file.
cp "$binary" "$bin/.rehab.new"
chmod 0755 "$bin/.rehab.new"
# Symbols only serve a debugger: stripped, the release binary goes from about 105 to 68 MB.
if command -v strip > /dev/null 2>&1; then strip "$bin/.rehab.new"; fi
mv -f "$bin/.rehab.new" "$bin/rehab"
cp man/rehab.1 "$man1/rehab.1"
chmod 0644 "$man1/rehab.1"
"$bin/rehab" --generate-completion-script bash > "$bash_dir/rehab"
"$bin/rehab" --generate-completion-script zsh > "$zsh_dir/_rehab"
"$bin/rehab" --generate-completion-script fish > "$fish_dir/rehab.fish"

echo "installed $bin/rehab ($("$bin/rehab" --version)), its man page and bash, zsh and fish completions"
case ":$PATH:" in
    *":$bin:"*) ;;
    *) echo "note: $bin is not on your PATH; add it, e.g. export PATH=\"$bin:\$PATH\"" ;;
esac
