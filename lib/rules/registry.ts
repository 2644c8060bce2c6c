/**
 * Every rule, in the order of CONTRACT §5. Adding a rule = one module + one line here; nothing else
 * refers to individual rules.
 */
import { apiValidation } from './api-validation';
import { clusterIPConflict } from './cluster-ip-conflict';
import { clusterIPOutOfRange } from './cluster-ip-out-of-range';
import { duplicateObject } from './duplicate-object';
import { envReferenceUnresolved } from './env-reference-unresolved';
import { endpointsOverridden } from './endpoints-overridden';
import { endpointsPortMismatch } from './endpoints-port-mismatch';
import { endpointsWithoutService } from './endpoints-without-service';
import { ingressBackendMissingPort } from './ingress-backend-missing-port';
import { ingressBackendMissingService } from './ingress-backend-missing-service';
import { ingressPathConflict } from './ingress-path-conflict';
import { ingressTlsSecretMissing } from './ingress-tls-secret-missing';
import { localTrafficNoLocalEndpoints } from './local-traffic-no-local-endpoints';
import { manifestInvalidObject } from './manifest-invalid-object';
import { manifestParseError } from './manifest-parse-error';
import { nodePortConflict } from './node-port-conflict';
import { nodePortOutOfRange } from './node-port-out-of-range';
import type { Rule } from './rule';
import { serviceSelectsMultipleWorkloads } from './service-selects-multiple-workloads';
import { serviceSelectsNoPods } from './service-selects-no-pods';
import { serviceTargetPortNotDeclared } from './service-target-port-not-declared';
import { serviceTargetPortUnresolved } from './service-target-port-unresolved';
import { serviceWithoutEndpoints } from './service-without-endpoints';
import { statefulSetServiceMissing } from './statefulset-service-missing';

export const rules: readonly Rule[] = [
  manifestParseError,
  manifestInvalidObject,
  duplicateObject,
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
  localTrafficNoLocalEndpoints,
  statefulSetServiceMissing,
  envReferenceUnresolved,
];

export function findRule(id: string): Rule | undefined {
  return rules.find((r) => r.id === id);
}
