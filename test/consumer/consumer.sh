#!/usr/bin/env bash
# A real consumer of cdk8s-lineup, as CI runs it from a clean checkout (after `npm ci`, which builds):
#   1. `npm pack` the library;
#   2. lay out a new app from cdk8s-cli's own `typescript-app` template, exactly as
#      `cdk8s init typescript-app` does (same files, same substitutions, its package.json with ts-node,
#      cdk8s-plus-33, jest 29 and TypeScript 5.9.x, its tsconfig, jest config and cdk8s.yaml running
#      `npx ts-node main.ts`) — only `cdk8s import` is skipped (it downloads the k8s schema);
#   3. install the tarball and the template's dependencies, pinned to exact versions that satisfy the
#      template's ranges (npm's cache first, then the registry);
#   4. run the template's steps: compile (`tsc --build`, the template's strict tsconfig type-checks
#      the library's .d.ts), jest (its snapshot test and a `toLineUp` test), `cdk8s synth`
#      through ts-node, `lineup check dist`;
#   5. break it and follow the finding back to main.ts: the synth message, SARIF over dist/ and the
#      jest failure all name the line of main.ts that declared the broken object;
#   6. the validation plugin in cdk8s.yaml reports the same finding with its construct path.
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
# line_of MARKER: the line of main.ts that holds the comment MARKER.
line_of() { grep -n -- "$1" "$APP/main.ts" | head -n 1 | cut -d: -f1; }

TEMPLATE="$REPO/node_modules/cdk8s-cli/templates/typescript-app"
[ -d "$TEMPLATE" ] || fail "cdk8s-cli's typescript-app template is not at $TEMPLATE (run npm ci first)"

# The template's devDependency ranges, pinned: jest, @types/jest and ts-jest ^29, @types/node ^14,
# typescript 5.9.x, ts-node ^10. The script checks that each pin satisfies the template's range, so
# a new cdk8s-cli with other ranges fails here with a message instead of testing something else.
PINS='{"@types/node":"14.18.63","@types/jest":"29.5.14","jest":"29.7.0","ts-jest":"29.4.15","typescript":"5.9.3","ts-node":"10.9.2"}'

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
grep -qx 'package/docs/rules.md' "$WORK/contents.txt" || fail "tarball lacks docs/rules.md (the \"How to fix\" links point there)"
if grep -qE '^package/(test|build/test|node_modules|dist)/' "$WORK/contents.txt"; then fail "tarball holds tests, node_modules or dist"; fi

APP="$WORK/app"
step "lay out $APP from $TEMPLATE, as cdk8s init typescript-app does"
mkdir -p "$APP"
# sscaff (cdk8s init's scaffolder) copies every file, renames `{{}}.gitignore` to `.gitignore` and
# substitutes {{ $base }} (the directory name) and the versions cdk8s-cli resolves for itself.
node - "$TEMPLATE" "$APP" "$REPO" "$PINS" <<'EOF'
const fs = require('fs');
const path = require('path');
const [template, app, repo, pinsJson] = process.argv.slice(2);
const versionOf = (name) => JSON.parse(fs.readFileSync(path.join(repo, 'node_modules', name, 'package.json'), 'utf8')).version;
const cli = JSON.parse(fs.readFileSync(path.join(repo, 'node_modules/cdk8s-cli/package.json'), 'utf8'));
const vars = {
  $base: path.basename(app),
  cdk8s_core_version: versionOf('cdk8s'),
  cdk8s_plus_version: versionOf('cdk8s-plus-33'),
  constructs_version: cli.dependencies.constructs.replace('^', ''),
  cdk8s_cli_spec: `^${cli.version}`,
};
for (const entry of fs.readdirSync(template, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || entry.name === '.hooks.sscaff.js') continue;
  const from = path.join(entry.parentPath ?? entry.path, entry.name);
  const rel = path.relative(template, from).replace(/\{\{\}\}/g, '');
  const text = fs.readFileSync(from, 'utf8').replace(/\{\{ *([$\w]+) *\}\}/g, (m, k) => (k in vars ? vars[k] : m));
  fs.mkdirSync(path.dirname(path.join(app, rel)), { recursive: true });
  fs.writeFileSync(path.join(app, rel), text);
}
// Exact versions, each checked against the template's own range.
const semver = require(path.join(repo, 'node_modules/semver'));
const pkg = JSON.parse(fs.readFileSync(path.join(app, 'package.json'), 'utf8'));
const pins = JSON.parse(pinsJson);
for (const [name, range] of Object.entries(pkg.devDependencies)) {
  const pin = name === 'cdk8s-cli' ? cli.version : pins[name];
  if (!pin) { console.error(`consumer: FAIL: the template now also depends on ${name}@${range}; pin it in consumer.sh`); process.exit(1); }
  if (!semver.satisfies(pin, range)) { console.error(`consumer: FAIL: pinned ${name}@${pin} does not satisfy the template's ${range}; update the pin`); process.exit(1); }
  pkg.devDependencies[name] = pin;
}
for (const name of Object.keys(pkg.dependencies)) pkg.dependencies[name] = pkg.dependencies[name].replace(/^\^/, '');
fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
EOF
cd "$APP"
[ -f .gitignore ] && [ -f main.ts ] && [ -f main.test.ts ] && [ -f jest.config.js ] && [ -f tsconfig.json ] || fail "the template did not lay out as expected"
grep -qx 'app: npx ts-node main.ts' cdk8s.yaml || fail "the template's cdk8s.yaml does not run 'npx ts-node main.ts'"
# `cdk8s import` (imports: [k8s]) downloads the Kubernetes schema: the one step skipped offline.
sed -i '/^imports:/,/^  - k8s$/d' cdk8s.yaml
sed 's/^/    | /' package.json cdk8s.yaml

step "npm install: the template's dependencies and $TARBALL (npm cache first, then the registry)"
if ! npm install --prefer-offline --no-audit --no-fund --loglevel=error "$WORK/$TARBALL" >"$WORK/install.txt" 2>&1; then
  sed 's/^/    | /' "$WORK/install.txt"
  fail "npm could not install the template's pinned dependencies ($(node -p 'const p=require("./package.json");Object.entries({...p.dependencies,...p.devDependencies}).map(([k,v])=>k+"@"+v).join(" ")')) from its cache or the registry; see npm's output above"
fi
[ "$(node -p "require('cdk8s-lineup/package.json').version")" = "$VERSION" ] || fail "installed cdk8s-lineup is not $VERSION"
[ "$(node -p "require('typescript/package.json').version")" = "5.9.3" ] || fail "TypeScript is not the template's 5.9.x"
[ "$(node -p "require('jest/package.json').version")" = "29.7.0" ] || fail "jest is not the template's 29"

# The user's chart, written into the template's MyChart ("define resources here"). Markers in the
# comments let this script find the lines the findings must name.
cat > main.ts <<'EOF'
import { Construct } from 'constructs';
import { App, Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { ClusterIPService } from 'cdk8s-lineup';

export class MyChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = { }) {
    super(scope, id, { disableResourceNameHashes: true, ...props });

    const web = new kplus.Deployment(this, 'web', {
      metadata: { name: 'web' },
      replicas: 2,
      select: false,
      podMetadata: { labels: { app: 'web' } },
      containers: [{ name: 'web', image: 'nginx', ports: [{ number: 8080, name: 'http' }], securityContext: { ensureNonRoot: false } }],
    });
    web.select(kplus.LabelSelector.of({ labels: { app: 'web' } }));
    // A cdk8s-plus-33 workload as the backend: its pod labels are selected, its port names resolve.
    new ClusterIPService(this, 'service', { metadata: { name: 'web' }, selector: web, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
  }
}

/** A selector typo in lineup's construct: the synth-time check refuses it. */
export class TypoChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { disableResourceNameHashes: true });
    new ClusterIPService(this, 'typo', { metadata: { name: 'api' }, selector: { app: 'wbe' }, ports: [{ port: 80, targetPort: 8080 }] }); // marker:lineup-typo
  }
}

/** The same typo in a plain cdk8s-plus Service: synth writes it, `lineup check dist` finds it. */
export class PlainTypoChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { disableResourceNameHashes: true });
    const api = new kplus.Service(this, 'api', { metadata: { name: 'api' }, ports: [{ port: 80, targetPort: 8080 }] }); // marker:plain-typo
    api.selectLabel('app', 'wbe');
  }
}

const app = new App();
new MyChart(app, 'app');
if (process.env.CONSUMER_BROKEN === 'lineup') new TypoChart(app, 'typo');
if (process.env.CONSUMER_BROKEN === 'plain') new PlainTypoChart(app, 'plain');
app.synth();
EOF
cat > lineup.test.ts <<'EOF'
import { Testing } from 'cdk8s';
import { lineupMatchers } from 'cdk8s-lineup/testing';
import { MyChart } from './main';

expect.extend(lineupMatchers);

describe('lineup', () => {
  test('the chart lines up', () => {
    expect(new MyChart(Testing.app(), 'test-chart')).toLineUp();
  });
});
EOF
LINEUP_TYPO_LINE="$(line_of 'marker:lineup-typo')"
PLAIN_TYPO_LINE="$(line_of 'marker:plain-typo')"

step "npm run compile (tsc --build with the template's strict tsconfig)"
expect_exit 0 "$WORK/compile.txt" npm run --silent compile

step "npm test: the template's snapshot test (updated, as cdk8s init does) and toLineUp"
expect_exit 0 "$WORK/jest-good.txt" npx --no -- jest -u
expect_text "$WORK/jest-good.txt" "Tests:       2 passed, 2 total"

step "cdk8s synth through ts-node, then lineup check dist: exit 0"
expect_exit 0 "$WORK/synth-good.txt" npx --no -- cdk8s synth --check-upgrade=false
[ -f dist/app.k8s.yaml ] || fail "cdk8s synth wrote no dist/app.k8s.yaml"
[ -f dist/cdk8s-lineup.origins ] || fail "cdk8s synth wrote no dist/cdk8s-lineup.origins"
expect_exit 0 "$WORK/check-good.txt" npx --no -- lineup check dist
expect_text "$WORK/check-good.txt" "2 objects checked: no problems found"

step "broken, lineup's construct: the synth message names main.ts:$LINEUP_TYPO_LINE"
expect_exit 1 "$WORK/synth-typo.txt" env CONSUMER_BROKEN=lineup npx --no -- cdk8s synth --check-upgrade=false
expect_text "$WORK/synth-typo.txt" "typo/typo/Resource"
expect_text "$WORK/synth-typo.txt" "main.ts:$LINEUP_TYPO_LINE:5"
expect_text "$WORK/synth-typo.txt" "Service default/api selects app=wbe"

step "broken, the jest failure names main.ts:$LINEUP_TYPO_LINE"
cat > typo.test.ts <<'EOF'
import { Testing } from 'cdk8s';
import { lineupMatchers } from 'cdk8s-lineup/testing';
import { TypoChart } from './main';

expect.extend(lineupMatchers);

test('the typo chart lines up', () => {
  expect(new TypoChart(Testing.app(), 'typo')).toLineUp();
});
EOF
expect_exit 1 "$WORK/jest-typo.txt" npx --no -- jest typo.test.ts
expect_text "$WORK/jest-typo.txt" "error service-selects-no-pods: Service default/api (typo/typo/Resource at main.ts:$LINEUP_TYPO_LINE:5) spec.selector"
rm typo.test.ts

step "broken, plain cdk8s-plus: synth writes it, lineup check dist -o sarif points at main.ts:$PLAIN_TYPO_LINE"
rm -rf dist
expect_exit 0 "$WORK/synth-plain.txt" env CONSUMER_BROKEN=plain npx --no -- cdk8s synth --check-upgrade=false
expect_exit 1 "$WORK/check-plain.txt" npx --no -- lineup check dist
expect_text "$WORK/check-plain.txt" "declared by plain/api/Resource at main.ts:$PLAIN_TYPO_LINE:"
expect_exit 1 "$WORK/check-plain.sarif" npx --no -- lineup check dist -o sarif
node - "$WORK/check-plain.sarif" "$PLAIN_TYPO_LINE" <<'EOF' || fail "SARIF over dist/ does not point at main.ts:$PLAIN_TYPO_LINE with the manifest as related location"
const [file, line] = process.argv.slice(2);
const results = JSON.parse(require('fs').readFileSync(file, 'utf8')).runs[0].results.filter((r) => r.ruleId === 'service-selects-no-pods');
const r = results[0];
const at = r && r.locations[0].physicalLocation;
const related = r && r.relatedLocations && r.relatedLocations[0].physicalLocation.artifactLocation.uri;
console.log(`    | ${results.length} result(s); primary ${at && at.artifactLocation.uri}:${at && at.region.startLine}; related ${related}`);
if (results.length !== 1 || at.artifactLocation.uri !== 'main.ts' || at.region.startLine !== Number(line) || related !== 'dist/plain.k8s.yaml') process.exit(1);
EOF
expect_exit 1 "$WORK/check-plain.github" npx --no -- lineup check dist -o github
expect_text "$WORK/check-plain.github" "::error file=main.ts,line=$PLAIN_TYPO_LINE,"
expect_exit 1 "$WORK/check-plain.json" npx --no -- lineup check dist -o json
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const f = r.findings.find((x) => x.rule === "service-selects-no-pods");
  if (!f || f.constructPath !== "plain/api/Resource" || f.origin.file !== "main.ts" || f.origin.line !== Number(process.argv[2]) || f.source.file !== "dist/plain.k8s.yaml") { console.error("unexpected findings:", JSON.stringify(r.findings)); process.exit(1); }
' "$WORK/check-plain.json" "$PLAIN_TYPO_LINE" || fail "check -o json lacks origin and constructPath"

step "the validation plugin in cdk8s.yaml: exit 2 with the violation and its construct path"
cat >> cdk8s.yaml <<EOF
validations:
  - package: ./node_modules/cdk8s-lineup
    version: $VERSION
    class: LineupValidation
EOF
expect_exit 2 "$WORK/synth-plugin.txt" env CONSUMER_BROKEN=plain npx --no -- cdk8s synth --check-upgrade=false
expect_text "$WORK/synth-plugin.txt" "service-selects-no-pods (error)"
expect_text "$WORK/synth-plugin.txt" "Construct Path: plain/api"
expect_text "$WORK/synth-plugin.txt" "declared at main.ts:$PLAIN_TYPO_LINE:"
expect_text "$WORK/synth-plugin.txt" "Service default/api selects app=wbe"
# "How to fix" leads to the rule's explanation in the installed package.
expect_text "$WORK/synth-plugin.txt" "How to fix: see node_modules/cdk8s-lineup/docs/rules.md#service-selects-no-pods"
grep -q '^## service-selects-no-pods$' node_modules/cdk8s-lineup/docs/rules.md || fail "the installed docs/rules.md lacks the rule's section"

step "subpath entry points"
node -e '
  const t = require("cdk8s-lineup/testing");
  for (const k of ["lineupMatchers", "stableManifests", "lineupSnapshotSerializer"]) if (!t[k]) throw new Error("cdk8s-lineup/testing lacks " + k);
  if (typeof require("cdk8s-lineup/testing/serializer").serialize !== "function") throw new Error("no serializer");
  if (typeof require("cdk8s-lineup/plugin").LineupValidation !== "function") throw new Error("no plugin");
' || fail "cdk8s-lineup/testing, /testing/serializer or /plugin does not load"

step "PASS"
