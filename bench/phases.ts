/** In-process timing of the engine's phases on one directory: `node build/bench/phases.js DIR`. */
import { loadPaths } from '../lib/load/load';
import { buildCluster } from '../lib/cluster/build';
import { defaultSettings } from '../lib/cluster/settings';
import { runRules } from '../lib/rules/run';
import { formatJson } from '../lib/report/json';
import { summarize } from '../lib/report/summary';

const dir = process.argv[2];
const t0 = performance.now();
const load = loadPaths([dir]);
const t1 = performance.now();
const cluster = buildCluster(load.objects, defaultSettings());
const t2 = performance.now();
const findings = runRules(cluster, load.problems);
const t3 = performance.now();
formatJson(findings, summarize(findings, load.objects.length));
const t4 = performance.now();
process.stdout.write(JSON.stringify({ load: t1 - t0, cluster: t2 - t1, rules: t3 - t2, report: t4 - t3 }) + '\n');
