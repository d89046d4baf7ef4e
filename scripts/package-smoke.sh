#!/usr/bin/env bash
# Package smoke test: packs the libraries (dotnet pack -c Release) into a local feed, creates a fresh console project
# outside the repository, installs the packed packages from that feed with `dotnet add package` (the path a user
# takes, no project references) and runs a program that compares derivatives with their closed forms
# (scripts/package-smoke/Program.cs). Exits non-zero if packing, installing, building or any comparison fails.
#
# Everything happens in a temporary directory with its own NUGET_PACKAGES cache, so a package left in the global
# cache by an earlier run can never stand in for the one just packed.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
packages=(Dual.Forward Dual.Reverse Dual.Hessian Dual.Tensors Dual.Transforms Dual.Testing)

work="$(mktemp -d "${TMPDIR:-/tmp}/dual-package-smoke.XXXXXX")"
trap 'rm -rf "$work"' EXIT
feed="$work/feed"
export NUGET_PACKAGES="$work/packages"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# SourceLink maps the sources to the GitHub remote; a clone whose origin is a local path (or none) has nothing to map
# to, so it packs without SourceLink rather than print a warning per project.
origin="$(git -C "$repo" remote get-url origin 2>/dev/null || true)"
sourcelink=()
case "$origin" in
  https://github.com/* | git@github.com:*) ;;
  *)
    echo "== origin is '${origin:-none}', not GitHub: packing without SourceLink"
    sourcelink=(-p:EnableSourceLink=false -p:EnableSourceControlManagerQueries=false)
    ;;
esac

echo "== packing into $feed"
dotnet pack "$repo/Dual.sln" -c Release -o "$feed" -p:ContinuousIntegrationBuild=true "${sourcelink[@]}" --nologo -v quiet
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props")"
for id in "${packages[@]}"; do
  for ext in nupkg snupkg; do
    [ -f "$feed/$id.$version.$ext" ] || { echo "missing $id.$version.$ext in the feed"; exit 1; }
  done
done

echo "== a fresh console project installing ${packages[*]} $version"
app="$work/app"
mkdir -p "$app"
cd "$app"
dotnet new console --name SmokeApp --output . --no-restore >/dev/null
# The local feed for our packages (and only there), the machine's usual sources for everything else.
{
  echo '<?xml version="1.0" encoding="utf-8"?>'
  echo '<configuration>'
  echo '  <packageSources>'
  echo '    <clear />'
  echo "    <add key=\"local-feed\" value=\"$feed\" />"
  i=0
  while read -r _ url; do
    echo "    <add key=\"upstream$i\" value=\"$url\" />"
    i=$((i + 1))
  done < <(cd "$repo" && dotnet nuget list source --format short | grep '^E')
  echo '  </packageSources>'
  echo '  <packageSourceMapping>'
  echo '    <packageSource key="local-feed"><package pattern="Dual.*" /></packageSource>'
  for ((k = 0; k < i; k++)); do
    echo "    <packageSource key=\"upstream$k\"><package pattern=\"*\" /></packageSource>"
  done
  echo '  </packageSourceMapping>'
  echo '</configuration>'
} > nuget.config
for id in "${packages[@]}"; do
  dotnet add package "$id" --version "$version" >/dev/null
done
cp "$repo/scripts/package-smoke/Program.cs" Program.cs

echo "== running"
dotnet run -c Release
