#!/bin/sh
# Installs opcon-summit-connector @VERSION@ without the network: a virtualenv in .venv beside this script,
# filled from the wheels/ folder only (pip --no-index). Run again to reinstall. PYTHON=/path/to/python3 chooses
# the Python; otherwise the first of python3, python3.13, python3.12, python3.11 whose version has wheels here.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
versions="@PYTHONS@"
venv="$here/.venv"

fail() {
    echo "install: $*" >&2
    exit 1
}

python_version() {
    "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null
}

has_wheels_for() {
    case " $versions " in *" $1 "*) return 0 ;; esac
    return 1
}

if [ -n "${PYTHON:-}" ]; then
    python=$PYTHON
    version=$(python_version "$python") || fail "PYTHON=$python does not run"
    has_wheels_for "$version" || fail "PYTHON=$python is Python $version; this bundle holds wheels for $versions"
else
    python=""
    for candidate in python3 python3.13 python3.12 python3.11; do
        command -v "$candidate" >/dev/null 2>&1 || continue
        version=$(python_version "$candidate") || continue
        if has_wheels_for "$version"; then
            python=$candidate
            break
        fi
    done
    [ -n "$python" ] || fail "no Python $versions found (tried python3, python3.13, python3.12, python3.11); install one, or set PYTHON to its path"
fi

echo "install: creating $venv with $python (Python $version)"
"$python" -m venv --clear "$venv" ||
    fail "$python -m venv failed; on Debian or Ubuntu install the python$version-venv package"
echo "install: installing opcon-summit-connector @VERSION@ from $here/wheels (no network)"
"$venv/bin/python" -m pip install --no-index --find-links "$here/wheels" --disable-pip-version-check \
    "opcon-summit-connector==@VERSION@" ||
    fail "pip could not install from $here/wheels (see above); was this bundle built for Linux x86_64 and Python $versions?"

cli="$venv/bin/summit-connector"
cat <<EOF

Installed opcon-summit-connector @VERSION@ in $venv

Try it (no configuration, no network beyond loopback):
    $cli demo

Then lay out the install folder, the working directory of the connector's commands: it writes
Connector.config (every key, commented) and templates/basic.json there, never overwriting what is already there:
    $cli init /etc/summit-connector
(or copy starter/Connector.config and starter/templates/ there yourself). Fill in [OPCON API] ADDRESS and TOKEN
and the template's Summit address and apiKey, then check until it says OK:
    $cli check -c /etc/summit-connector/Connector.config
Use the full path $cli in commands; this folder must stay where it is.
EOF
