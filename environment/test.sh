#!/usr/bin/env bash
# The README's test command: installs what the tests need beyond the .NET SDK (headless Chromium for the chart
# checks; Debian's Jupyter nbconvert, nbclient and ipykernel, the independent notebook client), sets the kit up
# (environment/setup.sh) and runs the whole suite in Release, the configuration the notebooks load.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/jupyter-nbconvert ] || need+=(jupyter-nbconvert)
/usr/bin/python3 -c "import nbclient, ipykernel" 2>/dev/null || need+=(python3-nbclient python3-ipykernel)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test: installing ${need[*]} (Debian packages)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "test: the tests need these Debian packages: ${need[*]}; install them (as root: apt-get install ${need[*]})." >&2
    exit 1
  fi
fi

bash environment/setup.sh
dotnet test PidReg.slnx -c Release --no-build "$@"
