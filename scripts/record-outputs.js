#!/usr/bin/env node
// Records what the `lineup` commands print for a set of inputs, one file per command, so that two
// builds can be compared byte for byte (scripts/compare-outputs.sh). A refactoring that must not
// change behaviour is checked by recording before and after and diffing the two directories.
//
//   node scripts/record-outputs.js --cli BUILD/lib/cli/main.js --out DIR INPUT...
//
// Each INPUT is a manifest file or directory. The questions asked of it are derived from the
// input itself (read through `get … -o json`): every Service is described and resolved, its ports
// traced from a pod, a node and outside; the first pods' env; the Ingress and route hosts traced
// from outside. A cap keeps a large set to a few hundred commands. Each output file holds the exit
// status, then stdout, then stderr, so an error that changes is as visible as an answer that does.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const CAP = 25;

function parseArgs(argv) {
  const args = { inputs: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--cli') args.cli = path.resolve(argv[++i]);
    else if (argv[i] === '--out') args.out = path.resolve(argv[++i]);
    else args.inputs.push(path.resolve(argv[i]));
  }
  if (!args.cli || !args.out || args.inputs.length === 0) {
    process.stderr.write('usage: record-outputs.js --cli BUILD/lib/cli/main.js --out DIR INPUT...\n');
    process.exit(2);
  }
  return args;
}

function collector() {
  let text = '';
  return { write: (s) => void (text += s), text: () => text };
}

async function ask(run, argv) {
  const stdout = collector();
  const stderr = collector();
  // NO_COLOR and no TTY: the plain text a pipe would get.
  const status = await run(argv, { stdout, stderr, env: { NO_COLOR: '1' } });
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}

function items(result) {
  if (result.status !== 0) return [];
  return JSON.parse(result.stdout).items;
}

function safe(name) {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 150);
}

async function record(run, input, outDir) {
  const files = new Map();
  const put = async (label, argv) => {
    let name = safe(label);
    while (files.has(name)) name += '_';
    const r = await ask(run, argv);
    files.set(name, `exit ${r.status}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`);
    return r;
  };
  await put('check.json', ['check', input, '-o', 'json', '--fail-on', 'never']);
  await put('check.text', ['check', input, '--fail-on', 'never']);
  await put('check.sarif', ['check', input, '-o', 'sarif', '--fail-on', 'never']);
  const lists = {};
  for (const kind of ['services', 'endpoints', 'endpointslices', 'pods', 'ingresses', 'networkpolicies', 'gateways', 'httproutes', 'grpcroutes']) {
    lists[kind] = items(await put(`get.${kind}.json`, ['get', kind, input, '-A', '-o', 'json']));
    await put(`get.${kind}.wide`, ['get', kind, input, '-A', '-o', 'wide']);
    await put(`get.${kind}.table-default-ns`, ['get', kind, input]);
  }
  await put('get.services.yaml', ['get', 'services', input, '-A', '-o', 'yaml']);
  await put('iptables-save', ['iptables-save', input]);
  await put('reach.json', ['reach', input, '-o', 'json']);
  await put('reach.text', ['reach', input]);
  for (const format of ['mermaid', 'dot', 'html']) await put(`graph.${format}`, ['graph', input, '-o', format]);

  const pods = lists.pods.slice(0, CAP);
  const firstPod = pods[0] ? `${pods[0].metadata.namespace}/${pods[0].metadata.name}` : undefined;
  const nodes = [...new Set(lists.pods.map((p) => p.spec && p.spec.nodeName).filter(Boolean))].sort();
  for (const node of nodes.slice(0, 3)) await put(`iptables-save.${node}`, ['iptables-save', input, '--node', node]);
  const podNamespaces = new Set();
  for (const pod of pods) {
    const ref = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (podNamespaces.has(pod.metadata.namespace)) continue;
    podNamespaces.add(pod.metadata.namespace);
    await put(`env.${ref}`, ['env', ref, input]);
    await put(`env.${ref}.json`, ['env', ref, input, '-o', 'json']);
  }
  for (const svc of lists.services.slice(0, CAP)) {
    const { name, namespace } = svc.metadata;
    const ref = `${namespace}/${name}`;
    await put(`describe.${ref}`, ['describe', 'service', name, input, '-n', namespace]);
    await put(`describe.${ref}.json`, ['describe', 'service', name, input, '-n', namespace, '-o', 'json']);
    await put(`dns.${ref}`, ['dns', `${name}.${namespace}`, input, ...(firstPod ? ['--from', firstPod] : [])]);
    await put(`dns.${ref}.srv.json`, ['dns', `${name}.${namespace}.svc.cluster.local`, input, '--type', 'SRV', '-o', 'json']);
    await put(`reach.to.${ref}`, ['reach', input, '--to', ref, '-o', 'json']);
    for (const port of (svc.spec.ports || []).slice(0, 2)) {
      const target = `${name}.${namespace}:${port.port}`;
      if (firstPod) await put(`trace.${ref}.${port.port}.pod.json`, ['trace', target, input, '--from', firstPod, '-o', 'json']);
      if (nodes[0]) await put(`trace.${ref}.${port.port}.node`, ['trace', target, input, '--from-node', nodes[0]]);
      if (port.nodePort) await put(`trace.${ref}.${port.nodePort}.external.json`, ['trace', `192.168.0.1:${port.nodePort}`, input, '--from-external', '-o', 'json']);
    }
  }
  const hosts = [];
  for (const ing of lists.ingresses) for (const rule of (ing.spec && ing.spec.rules) || []) hosts.push({ scheme: 'http', host: rule.host || 'localhost', path: (((rule.http || {}).paths || [])[0] || {}).path || '/' });
  for (const route of [...lists.httproutes, ...lists.grpcroutes]) {
    const scheme = route.kind === 'GRPCRoute' ? 'grpc' : 'http';
    for (const host of (route.spec && route.spec.hostnames) || ['localhost']) hosts.push({ scheme, host: host.replace(/^\*\./, 'any.'), path: scheme === 'grpc' ? '/pkg.Service/Method' : '/' });
  }
  for (const h of hosts.slice(0, CAP)) {
    const url = `${h.scheme}://${h.host}${h.path}`;
    await put(`trace.${url}.external.json`, ['trace', url, input, '--from-external', '-o', 'json']);
    await put(`trace.${url}.external`, ['trace', url, input, '--from-external']);
  }
  // Mistakes in the question, answered the same way before and after.
  await put('error.get-unknown-kind', ['get', 'widgets', input]);
  await put('error.describe-missing', ['describe', 'service', 'no-such-service', input]);
  await put('error.env-missing-pod', ['env', 'no-such-pod', input]);
  await put('error.trace-bad-target', ['trace', '::', input, '--from-node', nodes[0] || 'node-1']);
  await put('error.reach-missing-to', ['reach', input, '--to', 'no-such-service']);

  fs.mkdirSync(outDir, { recursive: true });
  for (const [name, text] of files) fs.writeFileSync(path.join(outDir, name), text);
  return files.size;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const { run } = require(args.cli);
  fs.rmSync(args.out, { recursive: true, force: true });
  let total = 0;
  for (const input of args.inputs) {
    const relative = path.relative(process.cwd(), input);
    const label = safe(relative === '' || relative.startsWith('..') ? path.basename(input) : relative);
    total += await record(run, input, path.join(args.out, label));
  }
  process.stdout.write(`${total} outputs for ${args.inputs.length} inputs → ${args.out}\n`);
}

main().catch((err) => {
  process.stderr.write(`record-outputs: ${err && err.stack ? err.stack : err}\n`);
  process.exit(2);
});
