#!/usr/bin/env bash
# Sets up a machine for the PidReg kit, from a fresh clone: the one command before opening the notebooks.
# It checks the SDK, restores the dotnet-interactive tool (the Jupyter kernel) and every package, builds the kit in
# Release (the notebooks load src/PidReg/bin/Release/net10.0/PidReg.dll) and, when Jupyter is installed, registers
# the .NET kernels with it. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET 10 SDK is required (https://dotnet.microsoft.com/download); 'dotnet' is not on PATH." >&2
  exit 1
fi
sdk=$(dotnet --version)
case "$sdk" in
  10.*) echo "setup: .NET SDK $sdk" ;;
  *) echo "setup: .NET SDK 10.0.x is required (global.json); found $sdk." >&2; exit 1 ;;
esac

# The .NET Interactive kernel as Jupyter runs it (`dotnet interactive jupyter`), pinned in .config/dotnet-tools.json.
dotnet tool restore
dotnet restore PidReg.slnx
# The build also marks TorchSharp's GLIBCXX_3.4.32 requirement weak (environment/TorchSharpGlibcxx.targets).
dotnet build PidReg.slnx -c Release --no-restore

# Jupyter finds kernels in <data dir>/kernels; the kernelspec starts from any folder (see register-kernel.sh).
if command -v jupyter >/dev/null 2>&1; then
  echo "setup: $(bash environment/register-kernel.sh "$(jupyter --data-dir)/kernels")"
else
  echo "setup: Jupyter not found; to use the notebooks in Jupyter, install it (Debian: apt-get install jupyter-notebook) and run this again."
fi
echo "setup: done. Open notebooks/*.ipynb in VS Code (Polyglot Notebooks, kernel .NET (C#)) or Jupyter, or run them headless:"
echo "  dotnet run --project src/PidReg.Cli -c Release -- notebooks run notebooks --quick --out artifacts/notebooks"
