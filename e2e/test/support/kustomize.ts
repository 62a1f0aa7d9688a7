// The subset of kustomize that deploy/kubernetes uses, so the overlays are rendered offline (no
// kustomize or kubectl here): resources (files and directories), strategic-merge patches, namespace,
// and configMapGenerator with files. Any other field fails the render instead of being ignored.
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
};
type Kustomization = {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  resources?: string[];
  patches?: { path?: string; patch?: string }[];
  configMapGenerator?: { name: string; files: string[]; options?: { disableNameSuffixHash?: boolean } }[];
};

const SUPPORTED = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'patches', 'configMapGenerator']);

/** Every document of a YAML file, as plain objects. */
function readObjects(file: string): K8sObject[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]!.message}`);
    return doc.toJS() as K8sObject;
  });
}

/** `kustomize build <dir>` for the supported subset. */
export function kustomizeBuild(dir: string): K8sObject[] {
  const [kustomization] = readObjects(join(dir, 'kustomization.yaml')) as unknown as Kustomization[];
  for (const field of Object.keys(kustomization!))
    if (!SUPPORTED.has(field)) throw new Error(`${dir}: kustomization field ${field} is not rendered by this test`);
  const { resources = [], patches = [], configMapGenerator = [], namespace } = kustomization!;
  const objects = resources.flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? kustomizeBuild(path) : readObjects(path);
  });
  for (const generator of configMapGenerator) {
    // Without the option, kustomize appends a content hash and rewrites references; not rendered here.
    if (!generator.options?.disableNameSuffixHash) throw new Error(`${generator.name}: set disableNameSuffixHash`);
    const data = Object.fromEntries(
      generator.files.map((file) => [basename(file), readFileSync(join(dir, file), 'utf8')]),
    );
    objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: generator.name }, data });
  }
  for (const { path, patch: inline } of patches) {
    // One document per patch, as every kustomize version reads it.
    const [patch, ...more] = path ? readObjects(join(dir, path)) : [parse(inline!) as K8sObject];
    if (more.length > 0) throw new Error(`${dir}: one patch per entry (${path})`);
    const target = objects.findIndex((o) => o.kind === patch!.kind && o.metadata.name === patch!.metadata.name);
    if (target < 0) throw new Error(`${dir}: no ${patch!.kind} ${patch!.metadata.name} to patch`);
    objects[target] = strategicMerge(objects[target], patch) as K8sObject;
  }
  if (namespace) for (const object of objects) object.metadata = { ...object.metadata, namespace };
  return objects;
}

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const named = (list: unknown[]) => list.every((item) => isMap(item) && typeof item.name === 'string');

/**
 * Strategic merge as Kubernetes does it for the fields the overlays patch: maps merge key by key,
 * lists of named items (containers, env, ports, volumes) merge by name, other lists are replaced.
 */
function strategicMerge(base: unknown, patch: unknown): unknown {
  if (isMap(base) && isMap(patch)) {
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(patch))
      merged[key] = value === null ? undefined : key in base ? strategicMerge(base[key], value) : value;
    return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
  }
  if (Array.isArray(base) && Array.isArray(patch) && named(base) && named(patch)) {
    const merged = base.map((item: { name: string }) => {
      const change = patch.find((p: { name: string }) => p.name === item.name);
      return change ? strategicMerge(item, change) : item;
    });
    return [
      ...merged,
      ...patch.filter((p: { name: string }) => !base.some((b: { name: string }) => b.name === p.name)),
    ];
  }
  return patch;
}

/** The directory of a kustomization, from this compiled file's place (e2e/dist/test/support). */
export const kubernetesDir = join(dirname(new URL(import.meta.url).pathname), '../../../../deploy/kubernetes');
