/**
 * gateway-api-validation: what the Gateway API CRDs' schemas and CEL rules make the API server
 * reject (lib/validation/gateway-api.ts); this rule words each error as kubectl prints it.
 */
import { GATEWAY_GROUP } from '../../cluster/gateway-api/model';
import { apiGroup } from '../../cluster/kinds';
import { validateGatewayApiObject } from '../../validation/gateway-api';
import type { Rule, RuleHit } from '../rule';

const KINDS = new Set(['Gateway', 'HTTPRoute', 'GRPCRoute', 'ReferenceGrant']);

export const gatewayApiValidation: Rule = {
  id: 'gateway-api-validation',
  severity: 'error',
  title: 'The Gateway API CRDs would reject the object',
  explanation:
    'Gateway, HTTPRoute, GRPCRoute and ReferenceGrant are validated by their CustomResourceDefinitions: OpenAPI limits, ' +
    'enums and patterns (at most 16 hostnames, 16 rules and 64 matches per rule, known HTTP methods, redirect status ' +
    'codes 301/302/303/307/308 …) and CEL rules such as "Must have port for Service reference", "RequestRedirect ' +
    'filter must not be used together with backendRefs", path values that must be absolute and must not contain ' +
    '`//`, or listeners whose port, protocol and hostname must be unique. `kubectl apply` fails with the message ' +
    'the CRD states, and the object never exists. The finding gives the field path of the rule and its message; ' +
    'change that part of the object as the message says.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    for (const kind of KINDS) {
      for (const o of cluster.objectsOfKind(kind)) {
        if (apiGroup(o.apiVersion) !== GATEWAY_GROUP) continue;
        for (const e of validateGatewayApiObject(kind, o.raw)) {
          hits.push({ object: o, field: e.field, message: `The ${kind} "${o.name}" is invalid: ${e.field}: ${e.detail}` });
        }
      }
    }
    return hits;
  },
};
