#!/usr/bin/env bash
# Sets up a machine for the PidReg kit, from a fresh clone: the one command before opening the notebooks.
# It checks the SDK, restores the dotnet-interactive tool (the Jupyter kernel) and every package, builds the kit in
# Release (the shipped notebooks load src/PidReg/bin/Release/net10.0/PidReg.dll), packs the kit and the pidreg tool into
# the local feed ~/.pidreg/feed (notebooks anywhere load the kit from there) and, when Jupyter is installed, registers
# the .NET kernels with it. Safe to run again; run it again after changing the kit, so that the feed has the new build.
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

# The kit as packages for notebooks and shells outside the repository: PidReg (the library; its kernel extension sets the
# kernel up) and PidReg.Cli (the pidreg tool), in a feed at a fixed place, since notebooks name it by absolute path.
feed="$HOME/.pidreg/feed"
version=$(dotnet msbuild src/PidReg/PidReg.csproj -getProperty:Version)
mkdir -p "$feed"
dotnet pack src/PidReg/PidReg.csproj -c Release --no-build -o "$feed" -v quiet -nologo
# The tool carries its own copy of libtorch (about 300 MB): a tool cannot take natives from NuGet dependencies at run time.
dotnet pack src/PidReg.Cli/PidReg.Cli.csproj -c Release --no-build -o "$feed" -v quiet -nologo
# NuGet caches a package by id and version and never reads the feed again for a version it holds, so a repack under the
# same version would go unseen: drop the cached copies, and the next kernel start (or tool install) extracts this build.
packages=$(dotnet nuget locals global-packages -l | sed 's/^global-packages: //')
rm -rf "${packages%/}/pidreg/$version" "${packages%/}/pidreg.cli/$version"
echo "setup: packed PidReg $version and PidReg.Cli $version into $feed"
# An installed pidreg tool of this version keeps its old build (`dotnet tool update` skips a version it has): reinstall it.
if dotnet tool list --global | grep -qiE "^pidreg\.cli +${version//./\\.} "; then
  dotnet tool uninstall --global PidReg.Cli >/dev/null
  dotnet tool install --global PidReg.Cli --version "$version" --add-source "$feed" >/dev/null
  echo "setup: reinstalled the pidreg tool ($version) from $feed"
fi

# Jupyter finds kernels in <data dir>/kernels; the kernelspec starts from any folder (see register-kernel.sh).
if command -v jupyter >/dev/null 2>&1; then
  echo "setup: $(bash environment/register-kernel.sh "$(jupyter --data-dir)/kernels")"
else
  echo "setup: Jupyter not found; to use the notebooks in Jupyter, install it (Debian: apt-get install jupyter-notebook) and run this again."
fi
echo "setup: done. Open notebooks/*.ipynb in VS Code (Polyglot Notebooks, kernel .NET (C#)) or Jupyter, or run them headless:"
echo "  dotnet run --project src/PidReg.Cli -c Release -- notebooks run notebooks --quick --out artifacts/notebooks"
echo "A notebook anywhere loads the kit with these two lines in its first cell:"
echo "  #i \"nuget: $feed\""
echo "  #r \"nuget: PidReg, $version\""
# A prerelease version installs only when asked for (--prerelease), as NuGet picks stable versions by default.
prerelease=""
case "$version" in *-*) prerelease=" --prerelease" ;; esac
echo "The pidreg command in any folder: dotnet tool install --global PidReg.Cli$prerelease --add-source ~/.pidreg/feed"
