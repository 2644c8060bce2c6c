#!/usr/bin/env bash
# A real consumer of cdk8s-lineup, as CI runs it from a clean checkout (after `npm ci`, which builds):
#   1. `npm pack` the library;
#   2. create a fresh cdk8s TypeScript app in a temp directory and install the tarball with cdk8s,
#      constructs, cdk8s-plus-27, cdk8s-cli and typescript at this repository's versions — from npm's
#      local cache (`--prefer-offline`: the registry is asked only for what the cache lacks);
#   3. compile it, `cdk8s synth` a good chart (exit 0) and a broken one (exit 2, the plugin's
#      violations), each with cdk8s-lineup configured as validation plugin in cdk8s.yaml;
#   4. `npx lineup check dist` on each output (exit 0; exit 1 with the finding).
# Usage: test/consumer/consumer.sh        (KEEP=1 keeps the temp directory for inspection)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/lineup-consumer.XXXXXX")"
if [ "${KEEP:-}" = "1" ]; then echo "consumer: keeping $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi
export CDK8S_CHECK_UPGRADE=false NO_COLOR=1 npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

step() { printf '\nconsumer: %s\n' "$*"; }
fail() { printf 'consumer: FAIL: %s\n' "$*" >&2; exit 1; }
# expect_exit WANT OUT CMD...: runs CMD (stdout to OUT, stderr to OUT.err, both shown) and checks its exit status.
expect_exit() {
  local want="$1" out="$2"; shift 2
  local got=0
  "$@" >"$out" 2>"$out.err" || got=$?
  sed 's/^/    | /' "$out" "$out.err"
  [ "$got" = "$want" ] || fail "\`$*\` exited $got, expected $want"
}
# expect_text OUT TEXT: stdout or stderr of the run contains TEXT.
expect_text() { grep -qF -- "$2" "$1" "$1.err" || fail "output lacks: $2"; }

step "build and pack ($REPO)"
[ -f "$REPO/build/lib/index.js" ] && [ -f "$REPO/build/lib/cli/main.js" ] || (cd "$REPO" && npm run build)
VERSION="$(node -p "require('$REPO/package.json').version")"
# --ignore-scripts: `prepare` (the build) already ran; pack what is built.
TARBALL="$(cd "$REPO" && npm pack --ignore-scripts --silent --pack-destination "$WORK" | tail -n 1)"
[ -f "$WORK/$TARBALL" ] || fail "npm pack produced no tarball"
# (Listed to a file: `tar | grep -q` would die of SIGPIPE under pipefail.)
tar -tzf "$WORK/$TARBALL" > "$WORK/contents.txt"
grep -qx 'package/build/lib/index.js' "$WORK/contents.txt" || fail "tarball lacks build/lib/index.js"
grep -qx 'package/build/lib/cli/main.js' "$WORK/contents.txt" || fail "tarball lacks the lineup bin"
if grep -qE '^package/(test|build/test|node_modules|dist)/' "$WORK/contents.txt"; then fail "tarball holds tests, node_modules or dist"; fi

version_of() { node -p "require('$REPO/node_modules/$1/package.json').version"; }
APP="$WORK/app"
mkdir -p "$APP/src"
cd "$APP"
cat > package.json <<EOF
{ "name": "lineup-consumer", "version": "0.0.0", "private": true, "license": "UNLICENSED" }
EOF

step "install $TARBALL and the cdk8s tool chain (npm cache first)"
npm install --prefer-offline --no-audit --no-fund --ignore-scripts --loglevel=error \
  "$WORK/$TARBALL" \
  "cdk8s@$(version_of cdk8s)" "constructs@$(version_of constructs)" "cdk8s-plus-27@$(version_of cdk8s-plus-27)" \
  "cdk8s-cli@$(version_of cdk8s-cli)" "typescript@$(version_of typescript)" "@types/node@$(version_of @types/node)"
[ "$(node -p "require('cdk8s-lineup/package.json').version")" = "$VERSION" ] || fail "installed cdk8s-lineup is not $VERSION"

cat > tsconfig.json <<'EOF'
{
  "compilerOptions": {
    "target": "ES2022", "module": "node16", "moduleResolution": "node16", "strict": true,
    "outDir": "lib", "rootDir": "src", "skipLibCheck": false, "types": ["node"]
  },
  "include": ["src/**/*.ts"]
}
EOF
# The good chart uses the library's constructs; the broken one is plain cdk8s-plus with a selector
# typo, which only the validation plugin can catch.
cat > src/main.ts <<'EOF'
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { ClusterIPService, LineupValidation, simulate } from 'cdk8s-lineup';

const app = new App();
const chart = new Chart(app, 'consumer', { disableResourceNameHashes: true });
const web = new kplus.Deployment(chart, 'web', {
  metadata: { name: 'web' },
  replicas: 2,
  select: false,
  podMetadata: { labels: { app: 'web' } },
  containers: [{ name: 'web', image: 'nginx', portNumber: 8080, securityContext: { ensureNonRoot: false } }],
});
web.select(kplus.LabelSelector.of({ labels: { app: 'web' } }));

if (process.env.CONSUMER_CHART === 'broken') {
  const svc = new kplus.Service(chart, 'service', { metadata: { name: 'web-svc' }, ports: [{ port: 80, targetPort: 8080 }] });
  svc.selectLabel('app', 'wbe');
} else {
  new ClusterIPService(chart, 'service', { metadata: { name: 'web-svc' }, selector: web, ports: [{ port: 80, targetPort: 8080 }] });
}

// The public API type-checks and runs from the installed package too.
const plugin: LineupValidation = new LineupValidation({ failOn: 'error' });
void plugin;
if (process.env.CONSUMER_CHART !== 'broken' && simulate(app).findings.length !== 0) throw new Error('simulate() found problems in the good chart');
app.synth();
EOF
cat > cdk8s.yaml <<EOF
language: typescript
app: node lib/main.js
output: dist
validations:
  - package: ./node_modules/cdk8s-lineup
    version: $VERSION
    class: LineupValidation
EOF

step "compile the app"
./node_modules/.bin/tsc -p .

step "cdk8s synth, good chart: exit 0"
expect_exit 0 "$WORK/synth-good.txt" env CONSUMER_CHART=good ./node_modules/.bin/cdk8s synth --check-upgrade=false
expect_text "$WORK/synth-good.txt" "Validations ended succesfully"
expect_exit 0 "$WORK/check-good.txt" npx --no -- lineup check dist
expect_text "$WORK/check-good.txt" "2 objects checked: no problems found"

step "cdk8s synth, broken chart: exit 2 with the violation and its construct path"
expect_exit 2 "$WORK/synth-broken.txt" env CONSUMER_CHART=broken ./node_modules/.bin/cdk8s synth --check-upgrade=false
MESSAGE='Service default/web-svc selects app=wbe, but no pod in namespace default has that label; did you mean app=web (Deployment web)?'
expect_text "$WORK/synth-broken.txt" "service-selects-no-pods (error) (1 occurrences)"
expect_text "$WORK/synth-broken.txt" "Construct Path: consumer/service"
expect_text "$WORK/synth-broken.txt" "Recommendation: $MESSAGE"
expect_text "$WORK/synth-broken.txt" "Validation failed"

step "npx lineup check dist on the broken output: exit 1 with the finding"
expect_exit 1 "$WORK/check-broken.txt" npx --no -- lineup check dist
expect_text "$WORK/check-broken.txt" "$MESSAGE"
expect_exit 1 "$WORK/check-broken.json" npx --no -- lineup check dist -o json
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const f = r.findings.find((x) => x.rule === "service-selects-no-pods");
  if (!f || f.object.name !== "web-svc" || f.source.file !== "dist/consumer.k8s.yaml" || !(f.source.line > 0)) { console.error("unexpected findings:", JSON.stringify(r.findings)); process.exit(1); }
' "$WORK/check-broken.json" || fail "check -o json lacks the finding with its file and line"

step "subpath entry points"
if node -e 'process.exit(require("./node_modules/cdk8s-lineup/package.json").exports ? 0 : 1)'; then
  node -e '
    const t = require("cdk8s-lineup/testing");
    for (const k of ["lineupMatchers", "stableManifests", "lineupSnapshotSerializer"]) if (!t[k]) throw new Error("cdk8s-lineup/testing lacks " + k);
    if (typeof require("cdk8s-lineup/testing/serializer").serialize !== "function") throw new Error("no serializer");
    if (typeof require("cdk8s-lineup/plugin").LineupValidation !== "function") throw new Error("no plugin");
  ' || fail "cdk8s-lineup/testing, /testing/serializer or /plugin does not load"
else
  echo "    (package.json has no \"exports\" yet: cdk8s-lineup/testing is not importable by that name)"
fi

step "PASS"
