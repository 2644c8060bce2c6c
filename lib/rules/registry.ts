/**
 * Every rule, in the order `lineup check` documents them (docs/rules.md). Adding a rule = one folder
 * `lib/rules/<id>/` + one line here; nothing else refers to individual rules.
 */
import { apiValidation } from './api-validation/rule';
import { clusterIPConflict } from './cluster-ip-conflict/rule';
import { clusterIPOutOfRange } from './cluster-ip-out-of-range/rule';
import { dnsEgressBlocked } from './dns-egress-blocked/rule';
import { duplicateObject } from './duplicate-object/rule';
import { envReferenceUnresolved } from './env-reference-unresolved/rule';
import { endpointsOverridden } from './endpoints-overridden/rule';
import { endpointsPortMismatch } from './endpoints-port-mismatch/rule';
import { endpointsWithoutService } from './endpoints-without-service/rule';
import { gatewayApiValidation } from './gateway-api-validation/rule';
import { gatewayClassMissing } from './gateway-class-missing/rule';
import { gatewayListenerConflict } from './gateway-listener-conflict/rule';
import { ingressBackendBlocked } from './ingress-backend-blocked/rule';
import { ingressBackendMissingPort } from './ingress-backend-missing-port/rule';
import { ingressBackendMissingService } from './ingress-backend-missing-service/rule';
import { ingressPathConflict } from './ingress-path-conflict/rule';
import { ingressTlsSecretMissing } from './ingress-tls-secret-missing/rule';
import { kustomizationNotRendered } from './kustomization-not-rendered/rule';
import { localTrafficNoLocalEndpoints } from './local-traffic-no-local-endpoints/rule';
import { manifestInvalidObject } from './manifest-invalid-object/rule';
import { manifestParseError } from './manifest-parse-error/rule';
import { networkPolicyNamedPortUnresolved } from './networkpolicy-named-port-unresolved/rule';
import { networkPolicyPeerSelectsNothing } from './networkpolicy-peer-selects-nothing/rule';
import { networkPolicyPortIsServicePort } from './networkpolicy-port-is-service-port/rule';
import { networkPolicySelectsNoPods } from './networkpolicy-selects-no-pods/rule';
import { nodePortConflict } from './node-port-conflict/rule';
import { nodePortOutOfRange } from './node-port-out-of-range/rule';
import { podMonitorPortMissing } from './podmonitor-port-missing/rule';
import { replicasNotSimulated } from './replicas-not-simulated/rule';
import type { Rule } from './rule';
import { routeBackendNotFound } from './route-backend-not-found/rule';
import { routeBackendNotPermitted } from './route-backend-not-permitted/rule';
import { routeBackendPortMissing } from './route-backend-port-missing/rule';
import { routeMatchShadowed } from './route-match-shadowed/rule';
import { routeNotAccepted } from './route-not-accepted/rule';
import { routeParentNotFound } from './route-parent-not-found/rule';
import { serviceSelectsMultipleWorkloads } from './service-selects-multiple-workloads/rule';
import { serviceSelectsNoPods } from './service-selects-no-pods/rule';
import { serviceTargetPortNotDeclared } from './service-target-port-not-declared/rule';
import { serviceTargetPortUnresolved } from './service-target-port-unresolved/rule';
import { serviceUnreachable } from './service-unreachable/rule';
import { serviceWithoutEndpoints } from './service-without-endpoints/rule';
import { serviceMonitorPortMissing } from './servicemonitor-port-missing/rule';
import { serviceMonitorSelectsNoServices } from './servicemonitor-selects-no-services/rule';
import { statefulSetServiceMissing } from './statefulset-service-missing/rule';
import { yamlImplicitType } from './yaml-implicit-type/rule';

export const rules: readonly Rule[] = [
  manifestParseError,
  manifestInvalidObject,
  yamlImplicitType,
  duplicateObject,
  kustomizationNotRendered,
  apiValidation,
  nodePortOutOfRange,
  nodePortConflict,
  clusterIPOutOfRange,
  clusterIPConflict,
  serviceSelectsNoPods,
  serviceSelectsMultipleWorkloads,
  serviceTargetPortUnresolved,
  serviceTargetPortNotDeclared,
  serviceWithoutEndpoints,
  endpointsWithoutService,
  endpointsPortMismatch,
  endpointsOverridden,
  ingressBackendMissingService,
  ingressBackendMissingPort,
  ingressPathConflict,
  ingressTlsSecretMissing,
  gatewayApiValidation,
  routeParentNotFound,
  routeNotAccepted,
  routeBackendNotFound,
  routeBackendPortMissing,
  routeBackendNotPermitted,
  routeMatchShadowed,
  gatewayListenerConflict,
  gatewayClassMissing,
  localTrafficNoLocalEndpoints,
  statefulSetServiceMissing,
  envReferenceUnresolved,
  networkPolicySelectsNoPods,
  networkPolicyPeerSelectsNothing,
  networkPolicyPortIsServicePort,
  networkPolicyNamedPortUnresolved,
  serviceUnreachable,
  dnsEgressBlocked,
  ingressBackendBlocked,
  serviceMonitorSelectsNoServices,
  serviceMonitorPortMissing,
  podMonitorPortMissing,
  replicasNotSimulated,
];

export function findRule(id: string): Rule | undefined {
  return rules.find((r) => r.id === id);
}
