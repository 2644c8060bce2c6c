import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultSettings, loadSettingsFile, parseVersion, resolveSettings, versionAtLeast } from '../../lib/cluster/settings';

describe('defaultSettings', () => {
  const s = defaultSettings();
  test.each([
    ['kubernetesVersion', `${s.kubernetesVersion.major}.${s.kubernetesVersion.minor}`, '1.31'],
    ['clusterDomain', s.clusterDomain, 'cluster.local'],
    ['serviceCIDR', s.serviceCIDR.text, '10.96.0.0/12'],
    ['podCIDR', s.podCIDR.text, '10.244.0.0/16'],
    ['nodePortRange', `${s.nodePortRange.min}-${s.nodePortRange.max}`, '30000-32767'],
  ])('%s', (_field, actual, expected) => {
    expect(actual).toBe(expected);
  });

  // The labels every kubelet sets when it registers (kubernetes/kubernetes
  // pkg/kubelet/kubelet_node_status.go, initialNode): hostname, and GOOS/GOARCH in the stable
  // and beta spellings.
  const kubelet = (name: string) => ({ 'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' });

  test('three nodes with kind-style IPs and the kubelet labels', () => {
    expect(s.nodes).toEqual([
      { name: 'node-1', ip: '172.18.0.2', labels: kubelet('node-1') },
      { name: 'node-2', ip: '172.18.0.3', labels: kubelet('node-2') },
      { name: 'node-3', ip: '172.18.0.4', labels: kubelet('node-3') },
    ]);
  });

  test('every call returns a fresh copy', () => {
    const a = defaultSettings();
    a.nodes.push({ name: 'x', ip: '1.2.3.4', labels: {} });
    expect(defaultSettings().nodes).toHaveLength(3);
  });
});

describe('resolveSettings', () => {
  test('empty input gives the defaults without errors', () => {
    for (const input of [undefined, null, {}]) {
      const r = resolveSettings(input);
      expect(r.errors).toEqual([]);
      expect(r.settings).toEqual(defaultSettings());
    }
  });

  test('every field can be set', () => {
    const r = resolveSettings({
      kubernetesVersion: '1.12',
      clusterDomain: 'corp.internal',
      serviceCIDR: '10.0.0.0/24',
      podCIDR: '192.168.0.0/16',
      nodePortRange: '31000-31999',
      nodes: [{ name: 'k8s-n1', ip: '10.1.0.5', labels: { 'topology.kubernetes.io/zone': 'a' } }],
    });
    expect(r.errors).toEqual([]);
    expect(r.settings.kubernetesVersion).toEqual({ major: 1, minor: 12 });
    expect(r.settings.clusterDomain).toBe('corp.internal');
    expect(r.settings.serviceCIDR.text).toBe('10.0.0.0/24');
    expect(r.settings.podCIDR.text).toBe('192.168.0.0/16');
    expect(r.settings.nodePortRange).toEqual({ min: 31000, max: 31999 });
    expect(r.settings.nodes).toEqual([
      { name: 'k8s-n1', ip: '10.1.0.5', labels: { 'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': 'k8s-n1', 'kubernetes.io/os': 'linux', 'topology.kubernetes.io/zone': 'a' } },
    ]);
  });

  test.each([
    [{ kubernetesVersion: 'latest' }, 'kubernetesVersion: "latest" is not a Kubernetes version; expected "1.<minor>" as a quoted string, e.g. "1.31"'],
    // YAML reads 1.30 as the number 1.3: ambiguous, so it must be quoted.
    [{ kubernetesVersion: 1.3 }, 'kubernetesVersion: 1.3 is not a Kubernetes version; expected "1.<minor>" as a quoted string, e.g. "1.31"'],
    [{ clusterDomain: 'Cluster_Local' }, 'clusterDomain: "Cluster_Local" is not a domain; expected a lowercase DNS name like cluster.local'],
    [{ serviceCIDR: '10.96.0.0' }, 'serviceCIDR: "10.96.0.0" is not a CIDR; expected a form like 10.96.0.0/12'],
    [{ podCIDR: 42 }, 'podCIDR: 42 is not a CIDR; expected a form like 10.244.0.0/16'],
    [{ serviceCIDR: '10.96.0.0/32' }, 'serviceCIDR: 10.96.0.0/32 has room for no addresses; expected a prefix of at most /30'],
    [{ nodePortRange: '32767-30000' }, 'nodePortRange: "32767-30000" is not a port range; expected "<min>-<max>" with 1 <= min <= max <= 65535, e.g. 30000-32767'],
    [{ nodePortRange: 30000 }, 'nodePortRange: 30000 is not a port range; expected "<min>-<max>" with 1 <= min <= max <= 65535, e.g. 30000-32767'],
    [{ nodes: 'node-1' }, 'nodes: expected a list of {name, ip, labels}'],
    [{ nodes: [{ name: 'n1', ip: 'nope' }] }, 'nodes[0].ip: "nope" is not an IP address; expected a form like 172.18.0.2'],
    [{ nodes: [{ ip: '1.2.3.4' }] }, 'nodes[0].name: null is not a node name; expected a lowercase DNS subdomain like node-1'],
    [{ nodes: [] }, 'nodes: expected at least one node'],
    [{ ingressControllers: { class: 'nginx' } }, 'ingressControllers: expected a list of {class, namespace, podLabels}'],
    [{ ingressControllers: [{ class: 'Nginx', namespace: 'x', podLabels: { a: 'b' } }] }, 'ingressControllers[0].class: "Nginx" is not an IngressClass name; expected a lowercase DNS name like nginx'],
    [{ ingressControllers: [{ class: 'nginx', namespace: 'x' }] }, 'ingressControllers[0].podLabels: expected a non-empty mapping of label keys to string values, e.g. {app.kubernetes.io/name: ingress-nginx}'],
    [{ serviceCidr: '10.0.0.0/8' }, 'serviceCidr: unknown field; expected one of kubernetesVersion, clusterDomain, serviceCIDR, podCIDR, nodePortRange, nodes, ingressControllers'],
    ['cluster.local', 'cluster settings: expected a mapping with any of kubernetesVersion, clusterDomain, serviceCIDR, podCIDR, nodePortRange, nodes, ingressControllers'],
  ])('%j → %s', (input, message) => {
    const r = resolveSettings(input);
    expect(r.errors).toEqual([message]);
    // The defaults stay in force for the bad field.
    expect(r.settings.serviceCIDR.text).toBe('10.96.0.0/12');
    expect(r.settings.nodes).toHaveLength(3);
  });

  test('duplicate node names are reported and the duplicate dropped', () => {
    const r = resolveSettings({ nodes: [{ name: 'a', ip: '10.0.0.1' }, { name: 'a', ip: '10.0.0.2' }] });
    expect(r.errors).toEqual(['nodes[1].name: "a" appears twice; node names must be unique']);
    expect(r.settings.nodes.map((n) => n.ip)).toEqual(['10.0.0.1']);
  });

  test('ingressControllers: default ingress-nginx; given entries replace it', () => {
    expect(resolveSettings({}).settings.ingressControllers).toEqual([{ class: 'nginx', namespace: 'ingress-nginx', podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } }]);
    const r = resolveSettings({ ingressControllers: [{ class: 'traefik', namespace: 'edge', podLabels: { app: 'traefik' } }] });
    expect(r.errors).toEqual([]);
    expect(r.settings.ingressControllers).toEqual([{ class: 'traefik', namespace: 'edge', podLabels: { app: 'traefik' } }]);
  });

  test('a two-digit minor written as a YAML number is accepted', () => {
    expect(resolveSettings({ kubernetesVersion: 1.12 }).settings.kubernetesVersion).toEqual({ major: 1, minor: 12 });
  });
});

describe('versions', () => {
  test.each([
    ['1.31', { major: 1, minor: 31 }],
    ['v1.24', { major: 1, minor: 24 }],
    ['1.12.1', { major: 1, minor: 12 }],
    ['1', undefined],
    ['one.two', undefined],
  ])('parseVersion(%s)', (text, expected) => {
    expect(parseVersion(text)).toEqual(expected);
  });

  test('versionAtLeast', () => {
    expect(versionAtLeast({ major: 1, minor: 19 }, 1, 19)).toBe(true);
    expect(versionAtLeast({ major: 1, minor: 18 }, 1, 19)).toBe(false);
    expect(versionAtLeast({ major: 2, minor: 0 }, 1, 19)).toBe(true);
  });
});

describe('loadSettingsFile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-settings-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  test('YAML', () => {
    const file = write('c.yaml', 'kubernetesVersion: "1.12"\nnodes:\n  - name: k8s-n1\n    ip: 192.168.0.11\n  - name: k8s-n2\n    ip: 192.168.0.12\n');
    const r = loadSettingsFile(file);
    expect(r.errors).toEqual([]);
    expect(r.settings.kubernetesVersion).toEqual({ major: 1, minor: 12 });
    expect(r.settings.nodes.map((n) => `${n.name}=${n.ip}`)).toEqual(['k8s-n1=192.168.0.11', 'k8s-n2=192.168.0.12']);
  });

  test('JSON', () => {
    const r = loadSettingsFile(write('c.json', JSON.stringify({ serviceCIDR: '10.0.0.0/16', nodePortRange: '30000-30100' })));
    expect(r.errors).toEqual([]);
    expect(r.settings.serviceCIDR.text).toBe('10.0.0.0/16');
    expect(r.settings.nodePortRange).toEqual({ min: 30000, max: 30100 });
  });

  test('empty file means defaults', () => {
    const r = loadSettingsFile(write('empty.yaml', ''));
    expect(r.errors).toEqual([]);
    expect(r.settings).toEqual(defaultSettings());
  });

  test('missing file and bad YAML are errors, not exceptions', () => {
    expect(loadSettingsFile(path.join(dir, 'nope.yaml')).errors).toEqual(['cannot read cluster settings: no such file']);
    const bad = loadSettingsFile(write('bad.yaml', 'nodes: [unclosed\n'));
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors[0]).toMatch(/^cluster settings are not valid YAML or JSON: /);
  });
});

describe('nodes known only by name', () => {
  test('settings nodes without an ip get the next free address of 172.18.0.0/24', () => {
    const { settings, errors } = resolveSettings({ nodes: [{ name: 'a' }, { name: 'b', ip: '172.18.0.3' }, { name: 'c' }] });
    expect(errors).toEqual([]);
    expect(settings.nodes.map((n) => [n.name, n.ip])).toEqual([
      ['a', '172.18.0.2'],
      ['b', '172.18.0.3'],
      ['c', '172.18.0.4'],
    ]);
  });
});
