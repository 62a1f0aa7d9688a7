import type { ObjectStore } from '@qurbani/storage';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';

/** A scratch directory for one job, removed afterwards whatever happened. */
export async function withWorkDir<T>(label: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), `qurbani-${label}-`));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A path ffmpeg can open: the object itself on a local store, else a downloaded copy in `dir`. */
export async function localInput(store: ObjectStore, key: string, dir: string): Promise<string> {
  const local = store.localPath(key);
  if (local) return local;
  const path = join(dir, 'input');
  await pipeline(await store.get(key), createWriteStream(path));
  return path;
}

/** Moves every file under `dir` into the store below `prefix`, keeping relative paths. */
export async function storeTree(store: ObjectStore, dir: string, prefix: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  let count = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    await store.putFile(`${prefix}/${relative(dir, path).split(sep).join('/')}`, path, { move: true });
    count++;
  }
  return count;
}
