// Offline checks of rendered manifests: each object against the Kubernetes schema (kubernetes-models),
// then the references between objects that a schema cannot see. Returns the problems found.
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Service } from 'kubernetes-models/v1/Service';
import { appName, declaresPort, matches, workloads, type Container, type Workload } from './k8s-pods.js';
import type { K8sObject } from './kustomize.js';

type Model = new (data: never) => { validate(): void };
const MODELS: Record<string, Model> = {
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'v1/Service': Service,
};
// Names of variables that hold secrets: they must come from the Secret, never a literal.
const SECRET_NAME = /SECRET|PASSWORD|TOKEN|_KEY$/;

export function checkManifests(objects: K8sObject[], secret: { name: string; keys: Set<string> }): string[] {
  const problems: string[] = [];
  const id = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;
  const seen = new Set<string>();
  for (const object of objects) {
    const Model = MODELS[`${object.apiVersion}/${object.kind}`];
    if (!Model) problems.push(`${id(object)}: ${object.apiVersion} ${object.kind} is not an expected kind`);
    else
      try {
        new Model(object as never).validate();
      } catch (error) {
        problems.push(`${id(object)}: ${(error as Error).message}`);
      }
    if (seen.has(id(object))) problems.push(`${id(object)}: defined twice`);
    seen.add(id(object));
  }
  const pods = workloads(objects);
  for (const w of pods) problems.push(...checkPod(w, objects, secret).map((p) => `${id(w.object)}: ${p}`));
  const servable = pods.filter((w) => w.object.kind !== 'Job');
  for (const o of objects) {
    const spec = o.spec as Record<string, never>;
    if (o.kind === 'Service') {
      const targets = servable.filter((w) => matches({ matchLabels: spec.selector }, w.labels));
      if (targets.length === 0) problems.push(`${id(o)}: selects no workload's pods`);
      for (const { targetPort } of spec.ports as { targetPort: string | number }[])
        if (!targets.every((w) => declaresPort(w.pod, targetPort)))
          problems.push(`${id(o)}: targetPort ${targetPort} undeclared`);
    }
    if (o.kind === 'HorizontalPodAutoscaler') {
      const ref = spec.scaleTargetRef as { kind: string; name: string };
      const target = servable.find((w) => w.object.kind === ref.kind && w.object.metadata.name === ref.name);
      if (!target) problems.push(`${id(o)}: targets no ${ref.kind}/${ref.name}`);
      else if ((target.object.spec as { replicas?: number }).replicas !== undefined)
        problems.push(`${id(o)}: ${ref.name} also sets replicas, which every apply would reset`);
    }
    if (o.kind === 'PodDisruptionBudget' && !servable.some((w) => matches(spec.selector, w.labels)))
      problems.push(`${id(o)}: selects no workload's pods`);
    if (o.kind === 'NetworkPolicy') {
      if (!pods.some((w) => matches(spec.podSelector, w.labels))) problems.push(`${id(o)}: selects no pods`);
      const rules = (spec.ingress ?? []) as { from?: { podSelector?: never; namespaceSelector?: never }[] }[];
      for (const peer of rules.flatMap((rule) => rule.from ?? []))
        if (!peer.namespaceSelector && !pods.some((w) => matches(peer.podSelector, w.labels)))
          problems.push(`${id(o)}: a peer selects no pods`);
    }
  }
  return problems;
}

function checkPod(w: Workload, objects: K8sObject[], secret: { name: string; keys: Set<string> }): string[] {
  const problems: string[] = [];
  const serving = w.object.kind !== 'Job';
  if (w.pod.securityContext?.runAsNonRoot !== true) problems.push('pod may run as root');
  for (const c of w.pod.containers) {
    const has = (probe: 'readinessProbe' | 'livenessProbe') => {
      const p = c[probe];
      if (!p) return problems.push(`${c.name}: no ${probe}`);
      const port = p.httpGet?.port ?? p.tcpSocket?.port;
      if (port !== undefined && !declaresPort(w.pod, port))
        problems.push(`${c.name}: ${probe} port ${port} undeclared`);
    };
    if (serving) {
      has('readinessProbe');
      has('livenessProbe');
    }
    for (const kind of ['requests', 'limits'] as const)
      for (const resource of ['cpu', 'memory'])
        if (!c.resources?.[kind]?.[resource]) problems.push(`${c.name}: no ${resource} ${kind}`);
    if (c.securityContext?.allowPrivilegeEscalation !== false) problems.push(`${c.name}: may escalate privileges`);
    if (c.securityContext?.readOnlyRootFilesystem !== true) problems.push(`${c.name}: writable root filesystem`);
    problems.push(...checkEnv(c, secret));
  }
  for (const volume of w.pod.volumes ?? []) {
    const claim = volume.persistentVolumeClaim?.claimName;
    if (claim && !objects.some((o) => o.kind === 'PersistentVolumeClaim' && o.metadata.name === claim))
      problems.push(`volume ${volume.name}: no PersistentVolumeClaim ${claim}`);
    const map = volume.configMap?.name;
    if (map && !objects.some((o) => o.kind === 'ConfigMap' && o.metadata.name === map))
      problems.push(`volume ${volume.name}: no ConfigMap ${map}`);
  }
  if (!appName(w)) problems.push('no app.kubernetes.io/name label');
  return problems;
}

function checkEnv(c: Container, secret: { name: string; keys: Set<string> }): string[] {
  const problems: string[] = [];
  for (const variable of c.env ?? []) {
    const ref = variable.valueFrom?.secretKeyRef;
    if (ref && ref.name !== secret.name) problems.push(`${c.name}: ${variable.name} from Secret ${ref.name}`);
    if (ref && !secret.keys.has(ref.key)) problems.push(`${c.name}: ${variable.name} from undocumented key ${ref.key}`);
    if (SECRET_NAME.test(variable.name) && variable.value !== undefined)
      problems.push(`${c.name}: ${variable.name} is a literal, not a secret reference`);
  }
  return problems;
}
