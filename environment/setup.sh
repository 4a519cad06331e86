#!/usr/bin/env bash
# Sets up a fresh machine for the PidReg kit: checks the SDK, restores, builds. Safe to run again.
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

dotnet restore PidReg.slnx
# The build also marks TorchSharp's GLIBCXX_3.4.32 requirement weak (environment/TorchSharpGlibcxx.targets).
dotnet build PidReg.slnx -c Release --no-restore
echo "setup: done. Try: dotnet run --project src/PidReg.Cli -c Release -- --help"
