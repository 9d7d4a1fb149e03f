#!/bin/sh
# Writes privx-roles.1 into OUTPUT_DIR with swift-argument-parser's generate-manual (the tool behind its
# `swift package plugin generate-manual`), run on BINARY itself: the man page comes from the same command
# definitions as --help and the completions, read from the exact binary that is installed.
# Why not the plugin command: it first builds every product in debug or release *without*
# --static-swift-stdlib, and SwiftPM passes -static-stdlib to every Swift compile, so that is a second
# full build of the package (measured: 45 min under load here). The tool alone builds in a few minutes,
# from the resolved swift-argument-parser checkout, into its own scratch folder (.build/manual-tool).
# The page's date is the commit's, so the same commit gives the same page.
# Usage: generate-man.sh BINARY OUTPUT_DIR
set -eu
binary=$1
output_dir=$2
swift=${SWIFT:-swift}
parser=.build/checkouts/swift-argument-parser
scratch=.build/manual-tool
[ -d "$parser" ] || "$swift" package resolve
"$swift" build -c release --package-path "$parser" --scratch-path "$scratch" --product generate-manual
tool=$("$swift" build -c release --package-path "$parser" --scratch-path "$scratch" --show-bin-path)/generate-manual
date=$(git log -1 --format=%cs 2>/dev/null || date -u +%Y-%m-%d)
mkdir -p "$output_dir"
"$tool" "$binary" --date "$date" --section 1 --output-directory "$output_dir"
if [ ! -s "$output_dir/privx-roles.1" ]; then
    echo "error: generate-manual wrote no $output_dir/privx-roles.1; see its output above" >&2
    exit 1
fi
