/**
 * Seed 002's kube-system, through the CLI: a cluster (Services in 10.0.0.0/24) whose kube-dns
 * Service (10.0.0.2, ports dns 53/UDP and dns-tcp 53/TCP) fronts one CoreDNS pod at 172.17.80.4.
 * The seed's own `kubectl -n kube-system get endpoints kube-dns` line is
 * `kube-dns   172.17.80.4:53,172.17.80.4:53`: the declared objects replace the built-in ones.
 */
import * as path from 'path';
import { lineup as lineupIn, type Captured } from '../cli/in-process';

const DIR = path.join(__dirname, '..', 'real-world', 'seed-002-kube-system');

/** lineup over the seed's manifests with the seed's cluster settings. */
function lineup(...argv: string[]): Promise<Captured> {
  return lineupIn([...argv, path.join(DIR, 'manifests'), '--cluster', path.join(DIR, 'cluster.yaml')]);
}

describe('seed 002: kube-system as the seed shows it', () => {
  test('get endpoints -n kube-system prints the seed\'s own line for kube-dns, and nothing else', async () => {
    const r = await lineup('get', 'endpoints', '-n', 'kube-system');
    expect(r).toEqual({ code: 0, err: '', out: 'NAME       ENDPOINTS\nkube-dns   172.17.80.4:53,172.17.80.4:53\n' });
  });

  test('get svc -n kube-system: kube-dns at 10.0.0.2 with 53/UDP,53/TCP, as in the seed', async () => {
    const r = await lineup('get', 'svc', '-n', 'kube-system');
    expect(r.out).toBe('NAME       TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)\nkube-dns   ClusterIP   10.0.0.2     <none>        53/UDP,53/TCP\n');
  });

  test('describe service kube-dns: both ports end at 172.17.80.4:53', async () => {
    const r = await lineup('describe', 'service', 'kube-dns', '-n', 'kube-system');
    expect(r.code).toBe(0);
    // The label column is wider than in the seed (newer kubectl adds `Internal Traffic Policy:`).
    expect(r.out.split('\n').filter((l) => l.startsWith('Endpoints:')).map((l) => l.replace(/ +/g, ' '))).toEqual(['Endpoints: 172.17.80.4:53', 'Endpoints: 172.17.80.4:53']);
  });

  test('check finds nothing to report', async () => {
    const r = await lineup('check', '-o', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).findings).toEqual([]);
  });
});
