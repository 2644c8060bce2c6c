/**
 * The port shape every Service construct takes, and how it is written into a manifest. The
 * construct passes values through untouched: whether a name or number is acceptable is decided by
 * the engine's API validation rule (lib/k8s/names.ts), so the same text reaches the user whether the
 * manifest came from a chart or from a file.
 */
import { setDefined } from './spec-fields';

/** Transport protocols a Service port can carry. */
export type ServiceProtocol = 'TCP' | 'UDP' | 'SCTP';

/** One port of a Service. */
export interface ServicePortSpec {
  /**
   * The port's name. Required by the API when the Service has more than one port; Ingress backends,
   * manual Endpoints and DNS SRV records refer to the port by this name.
   * @default - unnamed (allowed only for a single-port Service)
   * @example 'http'
   */
  readonly name?: string;
  /**
   * The port the Service listens on (its cluster IP, node ports and load balancer forward from it).
   * @example 80
   */
  readonly port: number;
  /**
   * Where the traffic goes on the selected pods: a number, or the NAME of a container port. A name
   * is resolved per pod (a container port with that name and the Service port's protocol), so pods
   * may move the number without the Service changing.
   * @default - the same number as `port`
   * @example 'http'
   */
  readonly targetPort?: number | string;
  /**
   * Transport protocol.
   * @default 'TCP' (filled in by the API server)
   */
  readonly protocol?: ServiceProtocol;
  /**
   * Application protocol hint for load balancers and meshes (a label-key style name).
   * @default - none
   * @example 'kubernetes.io/h2c'
   */
  readonly appProtocol?: string;
  /**
   * The port opened on every node (NodePort and LoadBalancer Services).
   * @default - allocated by the API server from the node port range (30000-32767)
   * @example 30123
   */
  readonly nodePort?: number;
}

/** The manifest form of a port: exactly the fields the user set, in API spelling. */
export function renderServicePort(spec: ServicePortSpec): Record<string, unknown> {
  const port: Record<string, unknown> = {};
  setDefined(port, 'name', spec.name);
  setDefined(port, 'port', spec.port);
  setDefined(port, 'targetPort', spec.targetPort);
  setDefined(port, 'protocol', spec.protocol);
  setDefined(port, 'appProtocol', spec.appProtocol);
  setDefined(port, 'nodePort', spec.nodePort);
  return port;
}

/** A copy, so callers cannot change a construct's ports behind its back. */
export function copyPort(spec: ServicePortSpec): ServicePortSpec {
  return { ...spec };
}
