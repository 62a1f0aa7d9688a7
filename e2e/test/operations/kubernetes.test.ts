import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { checkManifests } from '../support/k8s-checks.js';
import { allowedSources, appName, workloads, type Workload } from '../support/k8s-pods.js';
import { kubernetesDir, kustomizeBuild, type K8sObject } from '../support/kustomize.js';

const root = `${kubernetesDir}/../../`;
// README, "Deploying on Kubernetes": the one Secret the operator creates, and its keys.
const readme = readFileSync(`${root}README.md`, 'utf8');
const section = readme.slice(readme.indexOf('### Deploying on Kubernetes')).split(/\n#{2,3} /)[0]!;
const secret = {
  name: 'qurbani-secrets',
  keys: new Set(section.match(/`[A-Z][A-Z0-9_]+`/g)?.map((k) => k.slice(1, -1))),
};
const APPS = ['identity', 'donor', 'sacrifice', 'video', 'video-worker', 'delivery', 'skin'];
const SERVICES = [...APPS, 'gateway', 'orchestrator', 'notifier', 'detector', 'model'];
const SCALED = [
  'gateway',
  ...APPS.filter((a) => a !== 'video-worker'),
  'orchestrator',
  'notifier',
  'model',
  'video-worker',
];
const renders = { base: 'base', small: 'overlays/small', season: 'overlays/season' };

const byName = (objects: K8sObject[], name: string) => workloads(objects).find((w) => appName(w) === name)!;
const env = (w: Workload) => w.pod.containers.flatMap((c) => c.env ?? []);
const usesVariable = (objects: K8sObject[], variable: string) =>
  workloads(objects)
    .filter((w) => env(w).some((v) => v.name === variable))
    .map(appName)
    .sort();
const sources = (objects: K8sObject[], name: string, port: number) =>
  [...allowedSources(objects, byName(objects, name), port)].sort();
const hpa = (objects: K8sObject[], name: string) =>
  objects.find((o) => o.kind === 'HorizontalPodAutoscaler' && o.metadata.name === name)!.spec as Record<string, number>;

describe('Kubernetes manifests (deploy/kubernetes)', () => {
  it('README documents the Secret the operator creates', () => {
    assert.ok(section.includes(secret.name));
    assert.ok(secret.keys.size > 10);
  });
  for (const [label, dir] of Object.entries(renders))
    describe(label, () => {
      const objects = kustomizeBuild(`${kubernetesDir}/${dir}`);

      it('every object passes the Kubernetes schema and every reference resolves', () => {
        assert.deepEqual(checkManifests(objects, secret), []);
      });

      it('runs every service in production, the scalable ones under an autoscaler and a disruption budget', () => {
        for (const name of SERVICES) {
          const w = byName(objects, name);
          assert.equal(w?.object.kind, 'Deployment', name);
          if (w.pod.containers[0]!.image.startsWith('qurbani/')) {
            const nodeEnv = env(w).find((v) => v.name === 'NODE_ENV');
            if (name !== 'model') assert.equal(nodeEnv?.value, 'production', name);
          }
          assert.ok(
            objects.some((o) => o.kind === 'PodDisruptionBudget' && o.metadata.name === name),
            name,
          );
        }
        const scaled = objects.filter((o) => o.kind === 'HorizontalPodAutoscaler').map((o) => o.metadata.name);
        assert.deepEqual(scaled.sort(), [...SCALED].sort());
        const migrate = byName(objects, 'migrate');
        assert.equal(migrate.object.kind, 'Job');
        assert.deepEqual(migrate.pod.containers[0]!.command, ['node', 'scripts/migrate.mjs']);
        assert.match(migrate.pod.containers[0]!.image, /^qurbani\/migrate:/);
      });

      it('opens to the outside only the gateway, and each store only to the services that use it', () => {
        assert.deepEqual(sources(objects, 'gateway', 4000), ['anywhere']);
        assert.deepEqual(sources(objects, 'gateway', 9400), ['prometheus']);
        for (const name of SERVICES.filter((s) => s !== 'gateway'))
          for (const port of byName(objects, name).pod.containers.flatMap((c) => c.ports ?? []))
            assert.ok(
              !sources(objects, name, port.containerPort).includes('anywhere'),
              `${name}:${port.containerPort}`,
            );
        for (const [port, name] of APPS.filter((a) => a !== 'video-worker').map((a, i) => [4101 + i, a] as const))
          assert.deepEqual(sources(objects, name, port), ['gateway', 'prometheus'], name);
        assert.deepEqual(usesVariable(objects, 'MODEL_URL'), ['orchestrator']);
        assert.deepEqual(sources(objects, 'model', 4200), ['orchestrator', 'prometheus']);
        assert.deepEqual(sources(objects, 'detector', 4210), usesVariable(objects, 'SCENE_DETECTOR_URL'));
        assert.deepEqual(sources(objects, 'nats', 4222), [...usesVariable(objects, 'NATS_URL'), 'nats'].sort());
        assert.deepEqual(sources(objects, 'postgres', 5432), usesVariable(objects, 'DATABASE_URL_BASE'));
        assert.deepEqual(sources(objects, 'redis', 6379), usesVariable(objects, 'REDIS_URL'));
        assert.deepEqual(sources(objects, 'nats', 6222), ['nats']);
      });

      it('runs a 3-node JetStream cluster on deploy/nats/nats-server.conf, passwords by reference', () => {
        const nats = byName(objects, 'nats');
        assert.equal(nats.object.kind, 'StatefulSet');
        assert.equal((nats.object.spec as { replicas: number }).replicas, 3);
        const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'nats-config')!;
        const conf = readFileSync(`${root}deploy/nats/nats-server.conf`, 'utf8');
        assert.equal((config.data as Record<string, string>)['nats-server.conf'], conf, 'the copy is current');
        const given = env(nats).filter((v) => v.valueFrom?.secretKeyRef?.key === v.name);
        for (const variable of new Set(conf.match(/\$NATS_[A-Z_]+_PASSWORD/g)))
          assert.ok(
            given.some((v) => `$${v.name}` === variable),
            variable,
          );
      });

      it('shares one ReadWriteMany media volume between the services that read or write media', () => {
        const claim = objects.find((o) => o.kind === 'PersistentVolumeClaim' && o.metadata.name === 'media')!;
        assert.deepEqual((claim.spec as { accessModes: string[] }).accessModes, ['ReadWriteMany']);
        const mounting = workloads(objects).filter((w) =>
          w.pod.volumes?.some((v) => v.persistentVolumeClaim?.claimName === 'media'),
        );
        assert.deepEqual(mounting.map(appName).sort(), ['model', 'orchestrator', 'video', 'video-worker']);
        for (const w of mounting)
          assert.ok(
            w.pod.containers[0]!.volumeMounts?.some((m) => m.name === 'media' && m.mountPath === '/app/var'),
            appName(w),
          );
      });
    });

  it('the overlays size the same system differently', () => {
    const [base, small, season] = Object.values(renders).map((dir) => kustomizeBuild(`${kubernetesDir}/${dir}`));
    assert.equal(hpa(small!, 'gateway').minReplicas, 1);
    assert.ok(hpa(season!, 'video-worker').maxReplicas > hpa(base!, 'video-worker').maxReplicas);
    const limits = (objects: K8sObject[]) => byName(objects, 'video-worker').pod.containers[0]!.resources!.limits!;
    assert.equal(limits(season!).cpu, '4');
    assert.equal(limits(base!).cpu, '2');
    assert.ok(season!.every((o) => o.metadata.namespace === 'qurbani'));
  });

  it('the checks catch a workload without probes, resources or a referenced Secret', () => {
    const objects = kustomizeBuild(`${kubernetesDir}/base`);
    const container = byName(objects, 'donor').pod.containers[0]!;
    delete container.readinessProbe;
    delete container.resources!.limits;
    container.env!.find((v) => v.name === 'PII_KEY')!.valueFrom!.secretKeyRef!.name = 'other';
    container.livenessProbe = { httpGet: { port: 9999 } };
    const problems = checkManifests(objects, secret).join('\n');
    for (const expected of ['no readinessProbe', 'no cpu limits', 'no memory limits', 'from Secret other', 'port 9999'])
      assert.ok(problems.includes(expected), `${expected} in\n${problems}`);
  });
});
