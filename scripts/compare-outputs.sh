#!/usr/bin/env bash
# Compares, byte for byte, what the `lineup` commands print with this worktree's build and with the
# build of another commit (default: main), on the same inputs: the example apps (dist/, synthesized
# if missing), docs/examples, the real-world manifests, the Gateway API fixtures and a small
# generated bench set with NetworkPolicies. Use it to show that a refactoring changed no output.
#
#   scripts/compare-outputs.sh [BASE_REF]     (run `npm run build` first)
#
# Exit 0 when every output is identical; 1 with the differences otherwise. KEEP=1 keeps the work
# directory (both recordings) for inspection.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
base_ref=${1:-main}
work=$(mktemp -d "${TMPDIR:-/tmp}/lineup-compare.XXXXXX")
base_tree="$work/base"

cleanup() {
  git -C "$root" worktree remove --force "$base_tree" >/dev/null 2>&1 || true
  if [ -z "${KEEP:-}" ]; then rm -rf "$work"; else echo "kept $work" >&2; fi
}
trap cleanup EXIT

cd "$root"
[ -f build/lib/cli/main.js ] || { echo "compare-outputs: no build; run 'npm run build' first" >&2; exit 2; }
# The example apps, synthesized fresh so that dist/ matches apps/.
npm run --silent synth >/dev/null 2>&1

# The bench set is generated once, by this worktree's generator, so both builds read the same files.
node -e "const g = require('./build/bench/generate'); g.writeSet(process.argv[1], g.generate(600, { policies: 'per-namespace' }))" "$work/inputs/bench-600"
inputs=(dist docs/examples test/fixtures/gateway-conformance "$work/inputs/bench-600")
for d in test/real-world/*/; do inputs+=("${d}manifests"); done

# The base commit, compiled (library only) in a temporary worktree that borrows node_modules.
git worktree add --detach "$base_tree" "$base_ref" >/dev/null 2>&1
ln -s "$root/node_modules" "$base_tree/node_modules"
printf '{ "extends": "./tsconfig.json", "include": ["lib/**/*.ts"], "compilerOptions": { "incremental": false } }\n' > "$base_tree/tsconfig.lib.json"
(cd "$base_tree" && npx tsc -p tsconfig.lib.json && node scripts/copy-rule-examples.js)

node scripts/record-outputs.js --cli "$base_tree/build/lib/cli/main.js" --out "$work/before" "${inputs[@]}"
node scripts/record-outputs.js --cli build/lib/cli/main.js --out "$work/after" "${inputs[@]}"

if diff -r "$work/before" "$work/after" > "$work/diff.txt"; then
  echo "identical: $(find "$work/after" -type f | wc -l) outputs ($base_ref vs this worktree)"
else
  head -c 20000 "$work/diff.txt"
  echo "compare-outputs: outputs differ from $base_ref ($(grep -c '^diff ' "$work/diff.txt" || true) files)" >&2
  exit 1
fi
