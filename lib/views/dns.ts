/**
 * The DNS view (`lineup dns`, docs/cli.md): what CoreDNS answers for a name (dns-coredns.ts) and how a
 * pod's resolver gets there through its search path (dns-resolver.ts).
 */
export { dnsRecords, DNS_TYPES, RECORD_TTL, DNS_VERSION_TTL, DNS_SCHEMA_VERSION } from './dns-coredns';
export type { DnsType, Rcode, DnsRecord, DnsAnswer } from './dns-coredns';
export { resolveFromPod, resolvConf, podResolver, candidateNames } from './dns-resolver';
export type { DnsResult, DnsAttempt, PodResolver, ResolveOptions } from './dns-resolver';
export { reverseName, endpointHostname } from './dns-names';
