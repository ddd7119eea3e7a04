#!/usr/bin/env bash
# Rebuilds the two metapackages in build/feed from their nuspecs (a .nupkg is a zip: nuspec + files).
# Run only when a nuspec changes; the packed files are committed so a fresh clone restores with no step.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
feed="$here/../feed"
mkdir -p "$feed"
for dir in "$here"/*/; do
  id=$(basename "$dir")
  version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$dir/$id.nuspec" | head -1)
  out="$feed/$(echo "$id" | tr 'A-Z' 'a-z').$version.nupkg"
  tmp=$(mktemp -d)
  cp "$dir/$id.nuspec" "$tmp/"
  while read -r src target; do mkdir -p "$tmp/$(dirname "$target")"; cp "$dir/$src" "$tmp/$target"; done < <(
    sed -n 's:.*<file src="\([^"]*\)" target="\([^"]*\)".*:\1 \2:p' "$dir/$id.nuspec")
  cat > "$tmp/[Content_Types].xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="nuspec" ContentType="application/octet" /><Default Extension="_" ContentType="application/octet" /></Types>
XML
  rm -f "$out"
  (cd "$tmp" && TZ=UTC touch -d '2020-01-01' $(find . -type f) && zip -X -q -r "$out" .)
  rm -rf "$tmp"
  echo "packed $out"
done
