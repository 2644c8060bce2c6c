/** The construct library: typed Service/Ingress constructs checked by the lineup engine at synth. */
export * from './ports';
export * from './backend';
export * from './service-base';
export * from './selecting-service';
export {
  AllowFromError, AllowFromPolicy, Peer,
  type AllowFromOptions, type AllowFromPeer, type AllowFromPolicyProps, type CidrPeerOptions, type PodsPeerOptions, type PolicyTargetService,
} from './allow-from';
export * from './cluster-ip-service';
export * from './node-port-service';
export * from './load-balancer-service';
export * from './headless-service';
export * from './external-name-service';
export * from './external-service';
export * from './ingress-bundle';
export * from './gateway';
export * from './http-route-bundle';
export * from './expose';
// The synth-time check's public part (the render bookkeeping between constructs and check stays inside).
export {
  configureLineup, ensureLineupValidation, formatFinding, formatSynthReport, lineupFindings, lineupPluginWillJudge, validateChart,
  type FailOn, type LineupOptions,
} from './validation';
