/**
 * ValidateService for a create, on a Service AFTER defaulting (defaultService), in upstream's
 * evaluation order, returning every error. Allocation (ranges, cluster-wide uniqueness of
 * clusterIPs and nodePorts) is the allocator's business, not validation's.
 *
 * Sources: kubernetes/kubernetes pkg/apis/core/validation/validation.go (ValidateService,
 * validateServicePort, ValidatePortNumOrName, validateClientIPAffinityConfig,
 * validateAffinityTimeout, ValidateServiceClusterIPsRelatedFields, ValidateNonSpecialIP,
 * validateServiceExternalTrafficPolicy, validateServiceInternalTrafficFieldsValue,
 * validateServiceTrafficDistribution, validateLoadBalancerClassField); pkg/api/service/util.go.
 */
import type { JsonObject } from '../k8s/json';
import {
  ipFamilyOf, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidCIDR, isValidIP, isValidPortName, isValidPortNum,
  validateNonSpecialIP, type KubeVersion,
} from '../k8s/names';
import { versionAtLeast } from '../k8s/version';
import { BAD, Decoder, ok, type IntOrString, type Read } from './decode';
import { duplicate, forbidden, GoValue, goQuote, invalid, invalidEach, notSupported, required, type FieldError } from './field-error';
import { nameIsDNS1035Label, validateLabels, validateObjectMeta } from './object-meta';

export const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
export const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const SESSION_AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
/** pkg/cluster/ports KubeletPort: LoadBalancers may not expose it. */
const KUBELET_PORT = 10250;
/** core.MaxClientIPServiceAffinitySeconds. */
const MAX_AFFINITY_SECONDS = 86400;
const TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';
const TOPOLOGY_HINTS = 'service.kubernetes.io/topology-aware-hints';
const LB_SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

interface PortSpec {
  name: Read<string>;
  protocol: Read<string>;
  appProtocol: Read<string>;
  port: Read<number>;
  targetPort: Read<IntOrString>;
  nodePort: Read<number>;
}

interface ServiceSpec {
  type: Read<string>;
  ports: Read<(PortSpec | typeof BAD)[]>;
  selector: Read<Record<string, string>>;
  clusterIP: Read<string>;
  clusterIPs: Read<(string | typeof BAD)[]>;
  ipFamilies: Read<(string | typeof BAD)[]>;
  ipFamilyPolicy: Read<string>;
  externalIPs: Read<(string | typeof BAD)[]>;
  externalName: Read<string>;
  sessionAffinity: Read<string>;
  sessionAffinityConfig: Read<JsonObject>;
  loadBalancerSourceRanges: Read<(string | typeof BAD)[]>;
  allocateLoadBalancerNodePorts: Read<boolean>;
  loadBalancerClass: Read<string>;
  externalTrafficPolicy: Read<string>;
  internalTrafficPolicy: Read<string>;
  healthCheckNodePort: Read<number>;
  trafficDistribution: Read<string>;
}

function decodeSpec(d: Decoder, spec: JsonObject): ServiceSpec {
  const ports = d.list(spec, 'ports', 'spec.ports');
  return {
    type: d.string(spec, 'type', 'spec.type'),
    ports: ok(ports)
      ? ports.map((item, i): PortSpec | typeof BAD => {
          const path = `spec.ports[${i}]`;
          const p = d.objectValue(item, path);
          if (p === BAD) return BAD;
          const o = p ?? {};
          return {
            name: d.string(o, 'name', `${path}.name`),
            protocol: d.string(o, 'protocol', `${path}.protocol`),
            appProtocol: d.string(o, 'appProtocol', `${path}.appProtocol`),
            port: d.int(o, 'port', `${path}.port`),
            targetPort: d.intOrString(o, 'targetPort', `${path}.targetPort`),
            nodePort: d.int(o, 'nodePort', `${path}.nodePort`),
          };
        })
      : ports,
    selector: d.stringMap(spec, 'selector', 'spec.selector'),
    clusterIP: d.string(spec, 'clusterIP', 'spec.clusterIP'),
    clusterIPs: d.stringList(spec, 'clusterIPs', 'spec.clusterIPs'),
    ipFamilies: d.stringList(spec, 'ipFamilies', 'spec.ipFamilies'),
    ipFamilyPolicy: d.string(spec, 'ipFamilyPolicy', 'spec.ipFamilyPolicy'),
    externalIPs: d.stringList(spec, 'externalIPs', 'spec.externalIPs'),
    externalName: d.string(spec, 'externalName', 'spec.externalName'),
    sessionAffinity: d.string(spec, 'sessionAffinity', 'spec.sessionAffinity'),
    sessionAffinityConfig: d.object(spec, 'sessionAffinityConfig', 'spec.sessionAffinityConfig'),
    // Upstream's field path for this field is literally capitalised.
    loadBalancerSourceRanges: d.stringList(spec, 'loadBalancerSourceRanges', 'spec.LoadBalancerSourceRanges'),
    allocateLoadBalancerNodePorts: d.bool(spec, 'allocateLoadBalancerNodePorts', 'spec.allocateLoadBalancerNodePorts'),
    loadBalancerClass: d.string(spec, 'loadBalancerClass', 'spec.loadBalancerClass'),
    externalTrafficPolicy: d.string(spec, 'externalTrafficPolicy', 'spec.externalTrafficPolicy'),
    internalTrafficPolicy: d.string(spec, 'internalTrafficPolicy', 'spec.internalTrafficPolicy'),
    healthCheckNodePort: d.int(spec, 'healthCheckNodePort', 'spec.healthCheckNodePort'),
    trafficDistribution: d.string(spec, 'trafficDistribution', 'spec.trafficDistribution'),
  };
}

/** Go zero value of a string field that decoded (or not). */
function s(v: Read<string>): string {
  return typeof v === 'string' ? v : '';
}

function n(v: Read<number>): number {
  return typeof v === 'number' ? v : 0;
}

function strings(v: Read<(string | typeof BAD)[]>): string[] {
  return ok(v) ? v.filter((x): x is string => x !== BAD) : [];
}

/** Go `%#v` of the internal core.ServicePort key used by the duplicate (protocol, port) check. */
export function goServicePortKey(protocol: string, port: number): GoValue {
  return new GoValue(
    `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`,
  );
}

function goServicePort(p: PortSpec): string {
  const tp = p.targetPort;
  const target = typeof tp === 'string' ? `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(tp)}}` : `intstr.IntOrString{Type:0, IntVal:${typeof tp === 'number' ? tp : 0}, StrVal:""}`;
  const app = typeof p.appProtocol === 'string' ? '(*string)(0xc000000000)' : '(*string)(nil)';
  return `core.ServicePort{Name:${goQuote(s(p.name))}, Protocol:${goQuote(s(p.protocol))}, AppProtocol:${app}, Port:${n(p.port)}, TargetPort:${target}, NodePort:${n(p.nodePort)}}`;
}

/** pkg/api/service/util.go ExternallyAccessible (v1.22+: ClusterIP with externalIPs counts). */
function externallyAccessible(type: string, externalIPs: string[], version?: KubeVersion): boolean {
  if (type === 'LoadBalancer' || type === 'NodePort') return true;
  return versionAtLeast(version, 1, 22) && type === 'ClusterIP' && externalIPs.length > 0;
}

function validateServicePort(p: PortSpec, i: number, requireName: boolean, allNames: Set<string>, version?: KubeVersion): FieldError[] {
  const path = `spec.ports[${i}]`;
  const errs: FieldError[] = [];
  if (p.name !== BAD) {
    const name = s(p.name);
    if (requireName && name === '') {
      errs.push(required(`${path}.name`));
    } else if (name !== '') {
      // Service port names are DNS-1123 labels, not IANA service names.
      errs.push(...invalidEach(`${path}.name`, name, isDNS1123Label(name, version)));
      if (allNames.has(name)) errs.push(duplicate(`${path}.name`, name));
      else allNames.add(name);
    }
  }
  if (p.port === undefined) {
    // Go would decode a missing port as 0; kubectl's schema check calls it a missing required field.
    errs.push(required(`${path}.port`));
  } else if (p.port !== BAD) {
    errs.push(...invalidEach(`${path}.port`, p.port, isValidPortNum(p.port)));
  }
  if (p.protocol !== BAD) {
    const protocol = s(p.protocol);
    if (protocol === '') errs.push(required(`${path}.protocol`));
    else if (!PORT_PROTOCOLS.includes(protocol)) errs.push(notSupported(`${path}.protocol`, protocol, PORT_PROTOCOLS));
  }
  errs.push(...validatePortNumOrName(p.targetPort, `${path}.targetPort`));
  if (ok(p.appProtocol)) errs.push(...invalidEach(`${path}.appProtocol`, p.appProtocol, isQualifiedName(p.appProtocol, version)));
  // Headless services may have targetPort ≠ port: upstream's check is commented out for v1 compatibility.
  return errs;
}

/** ValidatePortNumOrName: an int targetPort must be a port number, a string one an IANA service name. */
export function validatePortNumOrName(value: Read<IntOrString>, path: string): FieldError[] {
  if (value === BAD || value === undefined) return [];
  if (typeof value === 'number') return invalidEach(path, value, isValidPortNum(value));
  return invalidEach(path, value, isValidPortName(value));
}

function validateClientIPAffinityConfig(config: Read<JsonObject>, d: Decoder): FieldError[] {
  const path = 'spec.sessionAffinityConfig';
  const when = 'when session affinity type is ClientIP';
  if (config === BAD) return [];
  if (config === undefined) return [required(path, when)];
  const clientIP = d.object(config, 'clientIP', `${path}.clientIP`);
  if (clientIP === BAD) return [];
  if (clientIP === undefined) return [required(`${path}.clientIP`, when)];
  const timeout = d.int(clientIP, 'timeoutSeconds', `${path}.clientIP.timeoutSeconds`);
  if (timeout === BAD) return [];
  if (timeout === undefined) return [required(`${path}.clientIP.timeoutSeconds`, when)];
  // 86400 itself is accepted, despite the wording.
  if (timeout <= 0 || timeout > MAX_AFFINITY_SECONDS) return [invalid(`${path}.clientIP.timeoutSeconds`, timeout, `must be greater than 0 and less than ${MAX_AFFINITY_SECONDS}`)];
  return [];
}

/** ValidateServiceClusterIPsRelatedFields (skipped for ExternalName). */
function validateClusterIPs(spec: ServiceSpec, headless: boolean, version?: KubeVersion): FieldError[] {
  const errs: FieldError[] = [];
  const clusterIP = s(spec.clusterIP);
  const clusterIPs = spec.clusterIPs === BAD ? undefined : strings(spec.clusterIPs);
  const field = 'spec.clusterIPs';

  if (!versionAtLeast(version, 1, 20)) {
    // [version] before dual-stack (v1.20) only the singular field existed.
    if (clusterIP !== '' && clusterIP !== 'None') errs.push(...invalidEach('spec.clusterIP', clusterIP, isValidIP(clusterIP, version)));
    return errs;
  }
  if (clusterIPs === undefined) return errs;

  if (spec.clusterIP !== BAD) {
    if (clusterIP !== '') {
      if (clusterIPs.length === 0) errs.push(required(field));
      else if (clusterIPs[0] !== clusterIP) errs.push(invalid(field, clusterIPs, 'first value must match `clusterIP`'));
    } else if (clusterIPs.length !== 0) {
      errs.push(invalid(field, clusterIPs, 'must be empty when `clusterIP` is not specified'));
    }
  }

  const families = spec.ipFamilies === BAD ? [] : strings(spec.ipFamilies);
  const seen = new Set<string>();
  families.forEach((family, i) => {
    if (!IP_FAMILIES.includes(family)) errs.push(notSupported(`spec.ipFamilies[${i}]`, family, IP_FAMILIES));
    if (seen.has(family)) errs.push(duplicate(`spec.ipFamilies[${i}]`, family));
    seen.add(family);
  });
  if (ok(spec.ipFamilyPolicy) && !IP_FAMILY_POLICIES.includes(spec.ipFamilyPolicy)) {
    errs.push(notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, IP_FAMILY_POLICIES));
  }

  let hasInvalidIPs = false;
  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1) {
        hasInvalidIPs = true;
        errs.push(invalid(field, clusterIPs, "'None' must be the first and only value"));
      }
      return;
    }
    const messages = isValidIP(ip, version);
    if (messages.length > 0) hasInvalidIPs = true;
    errs.push(...invalidEach(`${field}[${i}]`, ip, messages));
  });
  if (clusterIPs.length > 2) errs.push(invalid(field, clusterIPs, 'may only hold up to 2 values'));
  // Upstream stops here when an address is bad: family checks on bad addresses would only confuse.
  if (hasInvalidIPs) return errs;

  if (clusterIPs.length > 1) {
    const fams = clusterIPs.map((ip) => ipFamilyOf(ip));
    const dualStack = fams.includes('IPv4') && fams.includes('IPv6');
    if (!dualStack) errs.push(invalid(field, clusterIPs, 'may specify no more than one IP for each IP family'));
  }
  if (!headless && clusterIPs.length > 0 && families.length > 0) {
    clusterIPs.forEach((ip, i) => {
      if (i > families.length - 1) return;
      const isV6 = ipFamilyOf(ip) === 'IPv6';
      if (families[i] === 'IPv4' && isV6) errs.push(invalid(`${field}[${i}]`, ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (families[i] === 'IPv6' && !isV6) errs.push(invalid(`${field}[${i}]`, ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

/** Supported trafficDistribution values by release; undefined before the field existed (dropped). */
function trafficDistributions(version?: KubeVersion): string[] | undefined {
  if (!versionAtLeast(version, 1, 31)) return undefined;
  return versionAtLeast(version, 1, 33) ? ['PreferClose', 'PreferSameNode', 'PreferSameZone'] : ['PreferClose'];
}

/**
 * All validation errors of a (defaulted) Service, in upstream order. `version` selects the texts
 * and rules that changed between releases.
 */
export function validateService(raw: JsonObject, version?: KubeVersion): FieldError[] {
  const meta = validateObjectMeta(raw, true, nameIsDNS1035Label, version);
  const errs: FieldError[] = [...meta.errors];
  const d = new Decoder(errs);

  const mode = meta.annotations[TOPOLOGY_MODE];
  const hints = meta.annotations[TOPOLOGY_HINTS];
  if (mode !== undefined && hints !== undefined && mode !== hints) {
    errs.push(invalid(`metadata.annotations[${TOPOLOGY_MODE}]`, mode, `must match annotations[${TOPOLOGY_HINTS}] when both are specified`));
  }

  const rawSpec = d.object(raw, 'spec', 'spec');
  if (rawSpec === BAD) return errs;
  const spec = decodeSpec(d, rawSpec ?? {});
  const type = s(spec.type);
  const ports = ok(spec.ports) ? spec.ports : [];
  const goodPorts = ports.map((p, i) => ({ p, i })).filter((x): x is { p: PortSpec; i: number } => x.p !== BAD);
  const clusterIPs = strings(spec.clusterIPs);
  const externalIPs = strings(spec.externalIPs);
  const headless = clusterIPs.length === 1 && clusterIPs[0] === 'None';
  const legacyClusterIP = !versionAtLeast(version, 1, 20);
  // [version] before v1.20 errors about the cluster IP were reported on the singular field.
  const firstClusterIPPath = legacyClusterIP ? 'spec.clusterIP' : 'spec.clusterIPs[0]';

  if (spec.ports !== BAD && ports.length === 0 && !headless && type !== 'ExternalName') errs.push(required('spec.ports'));

  switch (type) {
    case 'LoadBalancer':
      if (headless) errs.push(invalid(firstClusterIPPath, 'None', "may not be set to 'None' for LoadBalancer services"));
      for (const { p, i } of goodPorts) {
        if (p.port === KUBELET_PORT) errs.push(invalid(`spec.ports[${i}]`, KUBELET_PORT, `may not expose port ${KUBELET_PORT} externally since it is used by kubelet`));
      }
      break;
    case 'NodePort':
      if (headless) errs.push(invalid(firstClusterIPPath, 'None', "may not be set to 'None' for NodePort services"));
      break;
    case 'ExternalName': {
      if (legacyClusterIP) {
        if (s(spec.clusterIP) !== '') errs.push(forbidden('spec.clusterIP', 'must be empty for ExternalName services'));
      } else {
        if (clusterIPs.length > 0) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
        if (strings(spec.ipFamilies).length > 0) errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
        if (ok(spec.ipFamilyPolicy)) errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
      }
      if (spec.externalName !== BAD) {
        // One trailing dot marks a fully-qualified name and is allowed.
        const cname = s(spec.externalName).replace(/\.$/, '');
        if (cname !== '') errs.push(...invalidEach('spec.externalName', cname, isDNS1123Subdomain(cname, version)));
        else errs.push(required('spec.externalName'));
      }
      break;
    }
  }

  const allNames = new Set<string>();
  for (const { p, i } of goodPorts) errs.push(...validateServicePort(p, i, ports.length > 1, allNames, version));

  if (ok(spec.selector)) errs.push(...validateLabels(spec.selector, 'spec.selector', version));

  if (spec.sessionAffinity !== BAD) {
    const affinity = s(spec.sessionAffinity);
    if (affinity === '') errs.push(required('spec.sessionAffinity'));
    else if (!SESSION_AFFINITIES.includes(affinity)) errs.push(notSupported('spec.sessionAffinity', affinity, SESSION_AFFINITIES));
    if (affinity === 'ClientIP') errs.push(...validateClientIPAffinityConfig(spec.sessionAffinityConfig, d));
    else if (affinity === 'None' && ok(spec.sessionAffinityConfig)) errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }

  if (type !== 'ExternalName') errs.push(...validateClusterIPs(spec, headless, version));

  externalIPs.forEach((ip, i) => {
    const path = `spec.externalIPs[${i}]`;
    const bad = isValidIP(ip, version);
    errs.push(...invalidEach(path, ip, bad.length > 0 ? bad : validateNonSpecialIP(ip)));
  });

  if (spec.type !== BAD) {
    if (type === '') errs.push(required('spec.type'));
    else if (!SERVICE_TYPES.includes(type)) errs.push(notSupported('spec.type', type, SERVICE_TYPES));
  }

  if (type === 'ClusterIP') {
    for (const { p, i } of goodPorts) if (n(p.nodePort) !== 0) errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
  }

  // The same nodePort twice is fine across protocols, not within one.
  const nodePorts = new Set<string>();
  for (const { p, i } of goodPorts) {
    const nodePort = n(p.nodePort);
    if (nodePort === 0) continue;
    const key = `${s(p.protocol)}/${nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(`spec.ports[${i}].nodePort`, nodePort));
    nodePorts.add(key);
  }

  const portKeys = new Set<string>();
  for (const { p, i } of goodPorts) {
    const key = `${s(p.protocol)}/${n(p.port)}`;
    if (portKeys.has(key)) errs.push(duplicate(`spec.ports[${i}]`, goServicePortKey(s(p.protocol), n(p.port))));
    portKeys.add(key);
  }

  // [version] before MixedProtocolLBService was on by default (v1.24) LoadBalancers took one protocol.
  if (type === 'LoadBalancer' && !versionAtLeast(version, 1, 24)) {
    const protocols = new Set(goodPorts.map(({ p }) => s(p.protocol)));
    if (protocols.size > 1) errs.push(invalid('spec.ports', new GoValue(`[]core.ServicePort{${goodPorts.map(({ p }) => goServicePort(p)).join(', ')}}`), 'cannot create an external load balancer with mix protocols'));
  }

  const sourceRanges = spec.loadBalancerSourceRanges;
  if (ok(sourceRanges) && sourceRanges.length > 0) {
    const path = 'spec.LoadBalancerSourceRanges';
    if (type !== 'LoadBalancer') errs.push(forbidden(path, "may only be used when `type` is 'LoadBalancer'"));
    sourceRanges.forEach((value, i) => {
      if (value === BAD) return;
      // Space-padding is tolerated, a leftover of the annotation this field replaced.
      const cidr = value.trim();
      errs.push(...invalidEach(`${path}[${i}]`, cidr, isValidCIDR(cidr, version)));
    });
  } else if (meta.annotations[LB_SOURCE_RANGES_ANNOTATION] !== undefined) {
    const path = `metadata.annotations[${LB_SOURCE_RANGES_ANNOTATION}]`;
    if (type !== 'LoadBalancer') errs.push(forbidden(path, "may only be used when `type` is 'LoadBalancer'"));
    const value = meta.annotations[LB_SOURCE_RANGES_ANNOTATION].trim();
    if (value !== '') {
      for (const part of value.split(',')) {
        const cidr = part.trim();
        errs.push(...invalidEach(path, cidr, isValidCIDR(cidr, version)));
      }
    }
  }

  if (ok(spec.allocateLoadBalancerNodePorts) && type !== 'LoadBalancer') {
    errs.push(forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }

  if (ok(spec.loadBalancerClass)) {
    if (type !== 'LoadBalancer') errs.push(forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
    errs.push(...invalidEach('spec.loadBalancerClass', spec.loadBalancerClass, isQualifiedName(spec.loadBalancerClass, version)));
  }

  // validateServiceExternalTrafficPolicy.
  if (spec.externalTrafficPolicy !== BAD) {
    const etp = s(spec.externalTrafficPolicy);
    if (!externallyAccessible(type, externalIPs, version)) {
      if (etp !== '') {
        const text = versionAtLeast(version, 1, 22) ? 'may only be set for externally-accessible services' : 'ExternalTrafficPolicy can only be set on NodePort and LoadBalancer service';
        errs.push(invalid('spec.externalTrafficPolicy', etp, text));
      }
    } else if (etp === '') {
      errs.push(required('spec.externalTrafficPolicy'));
    } else if (!TRAFFIC_POLICIES.includes(etp)) {
      errs.push(notSupported('spec.externalTrafficPolicy', etp, TRAFFIC_POLICIES));
    }
  }
  if (spec.healthCheckNodePort !== BAD) {
    const hc = n(spec.healthCheckNodePort);
    const needsHealthCheck = type === 'LoadBalancer' && s(spec.externalTrafficPolicy) === 'Local';
    if (!needsHealthCheck) {
      if (hc !== 0) errs.push(invalid('spec.healthCheckNodePort', hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
    } else if (hc !== 0) {
      // Left at 0 it is allocated (by the allocator, before upstream validation runs).
      errs.push(...invalidEach('spec.healthCheckNodePort', hc, isValidPortNum(hc)));
    }
  }

  // validateServiceInternalTrafficFieldsValue (unset is defaulted for these types, so normally unreachable).
  if (spec.internalTrafficPolicy !== BAD) {
    if (spec.internalTrafficPolicy === undefined) {
      if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP') errs.push(required('spec.internalTrafficPolicy'));
    } else if (!TRAFFIC_POLICIES.includes(spec.internalTrafficPolicy)) {
      errs.push(notSupported('spec.internalTrafficPolicy', spec.internalTrafficPolicy, TRAFFIC_POLICIES));
    }
  }

  const distributions = trafficDistributions(version);
  if (distributions && ok(spec.trafficDistribution) && !distributions.includes(spec.trafficDistribution)) {
    errs.push(notSupported('spec.trafficDistribution', spec.trafficDistribution, distributions));
  }
  return errs;
}
