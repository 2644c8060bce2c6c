/**
 * The `lineup` command line (docs/cli.md), built with commander. Only commander is loaded up front;
 * each command requires its modules (engine, views, printers) when it runs, so start-up stays fast.
 */
import { Command, Option } from 'commander';
import type { CliIO } from './io';

const PATHS_HELP = 'manifest files or directories (.yaml, .yml, .json; "-" for stdin); default: dist';
const POD_HELP = 'POD is name or namespace/name; a workload name (e.g. Deployment kubia) stands for its first pod.';
const EXIT_HELP = `
Exit status: 0 success; 1 check found findings at or above --fail-on; 2 usage or I/O problem
(unknown flag, missing path, unknown object name, bad --cluster file) or an internal error,
with one line on stderr.`;

type Action = () => number;

/**
 * Builds a fresh program. `exec` runs a command body and records its exit status; command bodies
 * are passed as thunks so their modules load only when chosen.
 */
export function buildProgram(io: CliIO, version: () => string, exec: (action: Action) => void): Command {
  const program = new Command('lineup');
  program
    .description('Prove, offline, that Kubernetes Services, selectors, ports, endpoints, DNS, kube-proxy rules and Ingress routes line up.')
    .version(version(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      // Errors are printed by run() as one line; commander's own rendering is suppressed.
      outputError: () => undefined,
    })
    .showSuggestionAfterError(true)
    .addHelpText('after', EXIT_HELP);

  const common = (cmd: Command, outputs: string[], defaultOutput: string): Command =>
    cmd
      .addOption(new Option('--cluster <file>', 'cluster settings (YAML or JSON): version, domain, CIDRs, node port range, nodes'))
      .addOption(new Option('-n, --namespace <ns>', 'namespace of objects that name none, and of names given on the command line').default(undefined, 'default'))
      .addOption(new Option('-o, --output <format>', 'output format').choices(outputs).default(defaultOutput));

  common(
    program
      .command('check')
      .description('report where Services, workloads, endpoints and Ingresses do not line up')
      .argument('[paths...]', PATHS_HELP)
      .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at least this severe').choices(['error', 'warning', 'never']).default('error')),
    ['text', 'json', 'sarif', 'junit', 'github'],
    'text',
  ).action((paths: string[], opts) => exec(() => lazy<typeof import('./commands/check')>('./commands/check').runCheck(paths, opts, io)));

  common(
    program
      .command('get')
      .description('list simulated objects as kubectl does (no AGE column)')
      .argument('<kind>', 'services|svc, endpoints|ep, endpointslices, pods|po, ingresses|ing, networkpolicies|netpol, gateways|gtw, httproutes, grpcroutes')
      .argument('[paths...]', PATHS_HELP)
      .option('-A, --all-namespaces', 'list every namespace (adds a NAMESPACE column)'),
    ['table', 'wide', 'yaml', 'json'],
    'table',
  ).action((kind: string, paths: string[], opts) => exec(() => lazy<typeof import('./commands/get')>('./commands/get').runGet(kind, paths, opts, io)));

  common(
    program
      .command('describe')
      .description('show a Service as kubectl describe does')
      .argument('<kind>', 'service (or svc)')
      .argument('<name>', 'the Service name')
      .argument('[paths...]', PATHS_HELP),
    ['text', 'json', 'yaml'],
    'text',
  ).action((kind: string, name: string, paths: string[], opts) => exec(() => lazy<typeof import('./commands/describe')>('./commands/describe').runDescribe(kind, name, paths, opts, io)));

  common(
    program
      .command('dns')
      .description("resolve a name as a pod's resolver does (search path, ndots:5) against the simulated CoreDNS")
      .argument('<name>', 'the name to resolve, e.g. kubia, kubia.default, kubia.default.svc.cluster.local')
      .argument('[paths...]', PATHS_HELP)
      .option('--from <pod>', 'the asking pod (default: a ClusterFirst pod in namespace default)')
      .addOption(new Option('--type <type>', 'record type').choices(['A', 'AAAA', 'SRV', 'CNAME', 'PTR', 'TXT']).default('A'))
      .addHelpText('after', `\n${POD_HELP}`),
    ['text', 'json'],
    'text',
  ).action((name: string, paths: string[], opts) => exec(() => lazy<typeof import('./commands/dns')>('./commands/dns').runDns(name, paths, opts, io)));

  common(
    program
      .command('env')
      .description('the service-link environment variables the kubelet injects into a container')
      .argument('<pod>', 'the pod')
      .argument('[paths...]', PATHS_HELP)
      .option('-c, --container <name>', 'the container (default: the first)')
      .addHelpText('after', `\n${POD_HELP}`),
    ['text', 'json'],
    'text',
  ).action((pod: string, paths: string[], opts) => exec(() => lazy<typeof import('./commands/env')>('./commands/env').runEnv(pod, paths, opts, io)));

  common(
    program
      .command('trace')
      .description('follow a request through DNS, Ingress, the Service and kube-proxy to pods, and the NetworkPolicies on its way')
      .argument('<target>', 'http(s)://host[:port]/path[?query], grpc://host[:port]/package.Service/Method, tcp|udp|sctp://host:port, host:port or ip:port')
      .argument('[paths...]', PATHS_HELP)
      .option('--from <pod>', 'start in this pod')
      .option('--from-node <node>', 'start on this node')
      .option('--from-external', 'start outside the cluster (node ports, load balancers, Gateway, Ingress)')
      .option('--via <path>', 'with --from-external: ingress, gateway, or gateway/NS/NAME (default: a Gateway listener that serves the URL, else the Ingresses)')
      .option('--method <method>', 'HTTP method the request uses (default GET)')
      .option('--header <header>', "a request header, 'Name: value' (repeatable)", (value: string, previous: string[] = []) => [...previous, value])
      .option('--client-ip <ip>', 'with --from-external: the client address that externalTrafficPolicy Local endpoints see', '203.0.113.10')
      .addHelpText('after', `\n${POD_HELP}`),
    ['text', 'json'],
    'text',
  ).action((target: string, paths: string[], opts) => exec(() => lazy<typeof import('./commands/trace')>('./commands/trace').runTrace(target, paths, opts, io)));

  common(
    program
      .command('reach')
      .description('which clients can open connections to which Service ports, after kube-proxy and NetworkPolicy')
      .argument('[paths...]', PATHS_HELP)
      .option('--from <client>', 'only this client: a workload or pod (name or namespace/name), NAMESPACE/, node/NAME, external or ingress/CLASS')
      .option('--to <service>', 'only this Service: name[:port] or namespace/name[:port] (port by number or name)'),
    ['text', 'json'],
    'text',
  ).action((paths: string[], opts) => exec(() => lazy<typeof import('./commands/reach')>('./commands/reach').runReach(paths, opts, io)));

  common(
    program
      .command('iptables-save')
      .description('the nat and filter rules kube-proxy (iptables mode) programs on a node')
      .argument('[paths...]', PATHS_HELP)
      .option('--node <node>', 'the node (default: the first)'),
    ['text'],
    'text',
  ).action((paths: string[], opts) => exec(() => lazy<typeof import('./commands/iptables-save')>('./commands/iptables-save').runIptablesSave(paths, opts, io)));

  common(
    program
      .command('graph')
      .description('the topology picture: Ingress → Service (port → targetPort) → pods by node, broken links in red')
      .argument('[paths...]', PATHS_HELP),
    ['mermaid', 'dot', 'html'],
    'mermaid',
  ).action((paths: string[], opts) => exec(() => lazy<typeof import('./commands/graph')>('./commands/graph').runGraph(paths, opts, io)));

  return program;
}

function lazy<T>(id: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(id) as T;
}
