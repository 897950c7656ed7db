#!/usr/bin/env bash
# Wine only: installer/parcdesk.iss with its one line Wine cannot run, written to OUT/installer/.
#
#   tools/windows/wine-iss.sh OUT      → OUT/installer/parcdesk-wine.iss (lane.sh compiles that)
#
# Why: the .iss says DefaultDirName={autopf}\ParcDesk, which for a per-user install is
# %LOCALAPPDATA%\Programs\ParcDesk. Wine 8 cannot expand {autopf} there: its shell32 answers
# SHGetKnownFolderPath(FOLDERID_UserProgramFiles) with E_INVALIDARG ("CSIDL_Type_Disallowed
# /* FIXME */"), and the setup stops with "Internal error: Failed to expand shell folder
# constant autopf" (giving /DIR= on the setup's command line does not help: it expands the
# default first). The variant spells out the same folder, {localappdata}\Programs\ParcDesk.
# Everything else is the shipped file, byte for byte; its relative paths (..\resources,
# ..\dist\installer, Vietnamese-ParcDesk.isl) still reach the checkout through links, so the
# installer lands in dist/installer/ and the source tree is not written to.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=$1
rm -rf "$OUT" && mkdir -p "$OUT/installer" "$REPO/dist"
ln -s "$REPO/resources" "$OUT/resources"
ln -s "$REPO/dist" "$OUT/dist"
ln -s "$REPO/installer/Vietnamese-ParcDesk.isl" "$OUT/installer/Vietnamese-ParcDesk.isl"
sed 's/^DefaultDirName={autopf}\\ParcDesk/DefaultDirName={localappdata}\\Programs\\ParcDesk/' \
    "$REPO/installer/parcdesk.iss" > "$OUT/installer/parcdesk-wine.iss"
changed=$(diff "$REPO/installer/parcdesk.iss" "$OUT/installer/parcdesk-wine.iss" | grep -c '^>' || true)
if [ "$changed" != 1 ]; then
    echo "wine-iss.sh: expected to change the one DefaultDirName={autopf}\\ParcDesk line of installer/parcdesk.iss, changed $changed" >&2
    exit 1
fi
