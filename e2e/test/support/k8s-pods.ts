// Reading rendered Kubernetes objects: the pod templates of workloads, label selectors, and who a
// set of NetworkPolicies lets reach a pod's port.
import type { K8sObject } from './kustomize.js';

type Selector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
};
type Port = { name?: string; containerPort: number };
type Probe = { httpGet?: { port: number | string }; tcpSocket?: { port: number | string }; exec?: unknown };
type EnvVar = { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } };
export type Container = {
  name: string;
  image: string;
  command?: string[];
  ports?: Port[];
  env?: EnvVar[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
  volumeMounts?: { name: string; mountPath: string }[];
};
export type PodSpec = {
  containers: Container[];
  securityContext?: { runAsNonRoot?: boolean };
  volumes?: { name: string; persistentVolumeClaim?: { claimName: string }; configMap?: { name: string } }[];
};
export type Workload = {
  object: K8sObject;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  pod: PodSpec;
};

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'Job']);

/** Deployments, StatefulSets and Jobs with their pod template. */
export function workloads(objects: K8sObject[]): Workload[] {
  return objects
    .filter((o) => WORKLOADS.has(o.kind))
    .map((object) => {
      const template = (object.spec as { template: { metadata?: Record<string, never>; spec: PodSpec } }).template;
      return {
        object,
        labels: template.metadata?.labels ?? {},
        annotations: template.metadata?.annotations ?? {},
        pod: template.spec,
      };
    });
}

export const appName = (w: Workload) => w.labels['app.kubernetes.io/name'] ?? w.object.metadata.name;

export function matches(selector: Selector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpression = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    if (operator === 'In') return values.includes(labels[key]!);
    if (operator === 'NotIn') return !values.includes(labels[key]!);
    if (operator === 'Exists') return key in labels;
    if (operator === 'DoesNotExist') return !(key in labels);
    throw new Error(`unknown selector operator ${operator}`);
  });
  return byLabel && byExpression;
}

/** Does this container port (by name or number) exist on the pod? */
export const declaresPort = (pod: PodSpec, port: number | string) =>
  pod.containers.some((c) => (c.ports ?? []).some((p) => p.name === port || p.containerPort === port));

type Peer = { podSelector?: Selector; namespaceSelector?: Selector };
type Rule = { from?: Peer[]; ports?: { port?: number | string }[] };
type Policy = { podSelector: Selector; ingress?: Rule[] };

/**
 * Who may open a connection to `port` of the workload: app names of pods in the namespace,
 * `prometheus` (any namespace), or `anywhere`. Every pod is under the default deny, so a pod no
 * rule opens is reachable by no one.
 */
export function allowedSources(objects: K8sObject[], target: Workload, port: number): Set<string> {
  const sources = new Set<string>();
  const pods = workloads(objects);
  for (const policy of objects.filter((o) => o.kind === 'NetworkPolicy')) {
    const spec = policy.spec as Policy;
    if (!matches(spec.podSelector, target.labels)) continue;
    for (const rule of spec.ingress ?? []) {
      if (rule.ports && !rule.ports.some((p) => p.port === port)) continue;
      if (!rule.from) sources.add('anywhere');
      for (const peer of rule.from ?? []) {
        if (peer.namespaceSelector) {
          const isPrometheus = peer.podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'prometheus';
          sources.add(isPrometheus ? 'prometheus' : 'other namespaces');
        } else for (const pod of pods) if (matches(peer.podSelector, pod.labels)) sources.add(appName(pod));
      }
    }
  }
  return sources;
}
