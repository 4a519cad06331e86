#!/usr/bin/env bash
# Registers the .NET kernels with Jupyter in KERNELS_DIR (setup.sh passes <jupyter data dir>/kernels; the tests a folder
# of their own) so that they start from any folder. Needs the restored dotnet-interactive tool and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
kernels="${1:?usage: register-kernel.sh KERNELS_DIR}"
# `dotnet interactive jupyter install --path` fails when the folder is missing.
mkdir -p "$kernels"
(cd notebooks && dotnet interactive jupyter install --path "$kernels" >/dev/null)
# The kernelspecs run `dotnet interactive jupyter`, which only resolves inside this repository (the tool is local), so a
# notebook in any other folder would fail to start. Point them at the restored tool's entry assembly by absolute path:
# the kernel then starts from any folder, in the notebook's folder, with the version pinned in .config/dotnet-tools.json.
version=$(sed -n 's/.*"version": "\([0-9][^"]*\)".*/\1/p' .config/dotnet-tools.json | head -n 1)
packages=$(dotnet nuget locals global-packages -l | sed 's/^global-packages: //')
app="${packages%/}/microsoft.dotnet-interactive/$version/tools/net10.0/any/Microsoft.DotNet.Interactive.App.dll"
if [ -f "$app" ]; then
  # Jupyter needs Python, so python3 is here to edit the JSON: ["dotnet", "interactive", ...] -> ["dotnet", APP, ...].
  python3 - "$app" "$kernels"/.net-*/kernel.json <<'PY'
import json, sys
app = sys.argv[1]
for path in sys.argv[2:]:
    with open(path) as f:
        spec = json.load(f)
    if spec["argv"][:2] == ["dotnet", "interactive"]:
        spec["argv"][1:2] = [app]
    with open(path, "w") as f:
        json.dump(spec, f, indent=2)
PY
  echo "registered the .NET (C#) kernel with Jupyter in $kernels (starts from any folder)"
else
  echo "registered the .NET (C#) kernel with Jupyter in $kernels; $app is missing, so it starts only inside this repository" >&2
fi
