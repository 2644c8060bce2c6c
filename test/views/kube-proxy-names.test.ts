import { base32Std, endpointChain, portProtoHash, serviceChains, servicePortName } from '../../lib/views/kube-proxy';
import { kubeProxyProbability, savedProbability } from '../../lib/views/kube-proxy';

const V = (minor: number) => ({ major: 1, minor });

describe('kube-proxy chain names (pkg/proxy/iptables/proxier.go servicePortPolicyClusterChain and friends: base32 of SHA-256)', () => {
  test.each([
    ['ns1/svc1:p80tcp', 'XPGD46QRK7WJZT7O'],
    ['ns1/svc1:p80tcp10.180.0.1:80', 'SXIVWICOYRO3J4NJ'],
    ['ns2/svc2:p80tcp', 'GNZBNJ2PO5MGZ6GT'],
    ['ns3/svc3:p80tcp', 'X27LE4BHSL4DOUIK'],
    ['ns4/svc4:p80tcp', '4SW47YFZTEDKD3PK'],
    ['ns5/svc5:p80tcp', 'NUKIZ6OKUXPJNT4C'],
    ['ns1/svc1tcp', 'AQI2S6QIMU7PVVRP'],
    ['ns1/svc1tcp10.0.1.1:80', '3JOIVZTXZZRGORX4'],
    ['default/kubernetes:httpstcp', 'NPX46M4PTMTKRN6Y'],
    ['kube-system/kube-dns:dnsudp', 'TCOU7JCQXEZGVUNU'],
    ['kube-system/kube-dns:dns-tcptcp', 'ERIFXISQEP7F7OF4'],
    ['kube-system/kube-dns:metricstcp', 'JD5MR3NA4I4DYORP'],
    ['default/httpd-svc:tcp', 'RL3JAE4GN7VOGDGP'],
    ['default/httpd-svc:tcp10.244.1.101:80', 'R5YBMKYSG56R4KDU'],
    ['default/httpd-svctcp', 'IYRDZZKXS5EOQ6Q6'],
    ['default/httpd-svctcp10.244.1.101:80', 'ULOTPKONLCRXKZLZ'],
  ])('hash of %s is %s', (input, expected) => {
    expect(portProtoHash(input)).toBe(expected);
  });

  test('base32 is RFC 4648 StdEncoding with padding', () => {
    expect(base32Std(Buffer.from('foobar'))).toBe('MZXW6YTBOI======');
    expect(base32Std(Buffer.from('f'))).toBe('MY======');
    expect(base32Std(Buffer.from(''))).toBe('');
  });

  test.each([
    ['httpd-svc', '', 12, 'default/httpd-svc:'],
    ['httpd-svc', '', 18, 'default/httpd-svc:'],
    ['httpd-svc', '', 19, 'default/httpd-svc'],
    ['httpd-svc', '', 31, 'default/httpd-svc'],
    ['kubernetes', 'https', 12, 'default/kubernetes:https'],
    ['kubernetes', 'https', 31, 'default/kubernetes:https'],
  ])('servicePortName default/%s port "%s" in 1.%i is %s', (name, port, minor, expected) => {
    expect(servicePortName('default', name, port, V(minor))).toBe(expected);
  });

  test('all chains of a service port share one hash; endpoint chains hash the endpoint too', () => {
    const c = serviceChains('ns2/svc2:p80', 'TCP');
    expect(c).toEqual({
      svc: 'KUBE-SVC-GNZBNJ2PO5MGZ6GT',
      svl: 'KUBE-SVL-GNZBNJ2PO5MGZ6GT',
      ext: 'KUBE-EXT-GNZBNJ2PO5MGZ6GT',
      fw: 'KUBE-FW-GNZBNJ2PO5MGZ6GT',
      xlb: 'KUBE-XLB-GNZBNJ2PO5MGZ6GT',
    });
    expect(endpointChain('ns1/svc1:p80', 'TCP', '10.180.0.1', 80)).toBe('KUBE-SEP-SXIVWICOYRO3J4NJ');
    expect(endpointChain('ns1/svc1', 'TCP', '10.0.1.1', 80)).toBe('KUBE-SEP-3JOIVZTXZZRGORX4');
    expect('KUBE-SEP-3JOIVZTXZZRGORX4'.length).toBeLessThanOrEqual(28);
  });
});

describe('statistic probabilities', () => {
  // kube-proxy writes 1/(n-i) for endpoint i of n: the values for n = 2, 3, 4, 5, 10 (proxier.go, probability()).
  test.each([
    [2, ['0.5000000000']],
    [3, ['0.3333333333', '0.5000000000']],
    [4, ['0.2500000000', '0.3333333333', '0.5000000000']],
    [5, ['0.2000000000', '0.2500000000', '0.3333333333', '0.5000000000']],
    [10, ['0.1000000000', '0.1111111111', '0.1250000000', '0.1428571429', '0.1666666667', '0.2000000000', '0.2500000000', '0.3333333333', '0.5000000000']],
  ])('n=%i from v1.17 writes %j', (n, expected) => {
    const written = Array.from({ length: n - 1 }, (_, i) => kubeProxyProbability(n - i, V(31)));
    expect(written).toEqual(expected);
  });

  test('before v1.17 kube-proxy writes 5 decimals', () => {
    expect([4, 3, 2].map((k) => kubeProxyProbability(k, V(12)))).toEqual(['0.25000', '0.33333', '0.50000']);
    expect(kubeProxyProbability(3, V(16))).toBe('0.33333');
    expect(kubeProxyProbability(3, V(17))).toBe('0.3333333333');
  });

  test.each([
    ['0.25000', '0.25000000000'],
    ['0.33333', '0.33332999982'],
    ['0.50000', '0.50000000000'],
    ['0.5000000000', '0.50000000000'],
    ['0.3333333333', '0.33333333349'],
    ['0.2000000000', '0.20000000019'],
    ['0.1000000000', '0.10000000009'],
  ])('the kernel keeps %s as round(p·2^31), printed as %s', (written, saved) => {
    expect(savedProbability(written)).toBe(saved);
  });
});
