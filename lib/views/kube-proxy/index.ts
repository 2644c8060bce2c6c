/** kube-proxy (iptables mode) as a pure function of the simulated cluster. */
export { portProtoHash, servicePortName, serviceChains, endpointChain, base32Std, type ServiceChains } from './chain-names';
export { kubeProxyProbability, savedProbability } from './probability';
export { proxyPlan, type ProxyPlan, type ServicePortPlan, type PlanEndpoint } from './plan';
export { iptablesSave, proxyRules, renderIptablesSave, defaultNodeName, type IptablesOptions } from './iptables-save';
export { renderRule, type Rule, type RuleSet, type Match, type Target } from './rules';
export { serviceTraffic, type TrafficQuery, type TrafficResult, type TrafficDestination, type TrafficVia, type TrafficSource } from './traffic';
