import type { ObjectStore } from '@qurbani/storage';

/**
 * Moves every object under `prefix` from one store to another, one object at a time: an interrupted
 * move is finished by the next one, since what already moved is no longer listed at the source.
 */
export async function moveObjects(from: ObjectStore, to: ObjectStore, prefix: string): Promise<number> {
  const objects = await from.list(prefix);
  for (const { key } of objects) {
    const local = from.localPath(key);
    if (local) await to.putFile(key, local, { move: true });
    else await to.put(key, await from.get(key));
    // After a local move this only tidies the emptied folders.
    await from.delete(key);
  }
  return objects.length;
}
