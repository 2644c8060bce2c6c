/**
 * Every example app, one chart per scenario. The chart id is the app name, so `app.synth()`
 * writes dist/<name>.k8s.yaml. Kept apart from main.ts so tests can build the App without writing.
 */
import type { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ExternalNameChart } from './external-name';
import { ExternalServiceChart } from './external-service';
import { GatewayChart } from './gateway';
import { HttpdChart } from './httpd';
import { HttpdNodePortChart } from './httpd-nodeport';
import { IngressChart } from './ingress';
import { KubeDnsChart } from './kube-dns';
import { KubiaChart } from './kubia';
import { KubiaLoadBalancerChart } from './kubia-loadbalancer';
import { KubiaLocalChart } from './kubia-local';
import { KubiaNodePortChart } from './kubia-nodeport';
import { NetworkPolicyChart } from './network-policy';
import { NginxServiceChart } from './nginx-service';
import { StatefulSetChart } from './statefulset';

/** App names in output order. */
export const APP_NAMES = [
  'kubia', 'kubia-nodeport', 'kubia-local', 'kubia-loadbalancer', 'external-service', 'external-name',
  'httpd', 'httpd-nodeport', 'nginx-service', 'ingress', 'statefulset', 'kube-dns', 'gateway', 'network-policy',
] as const;

/** Adds all example charts to `app`. */
export function addExampleCharts(app: Construct): Chart[] {
  return [
    new KubiaChart(app),
    new KubiaNodePortChart(app),
    new KubiaLocalChart(app),
    new KubiaLoadBalancerChart(app),
    new ExternalServiceChart(app),
    new ExternalNameChart(app),
    new HttpdChart(app),
    new HttpdNodePortChart(app),
    new NginxServiceChart(app),
    new IngressChart(app),
    new StatefulSetChart(app),
    new KubeDnsChart(app),
    new GatewayChart(app),
    new NetworkPolicyChart(app),
  ];
}
