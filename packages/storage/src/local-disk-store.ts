import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertValidKey,
  NotFoundError,
  type ByteRange,
  type ObjectStat,
  type ObjectStore,
  type PutFileOptions,
  type PutOptions,
} from './object-store.js';

/** Scratch directory inside the root, so finished writes are renamed into place atomically. */
const SCRATCH = '.incoming';

/**
 * An {@link ObjectStore} on a local directory (the default for one machine; several replicas can
 * share it over NFS). Writes go to a scratch file and are renamed into place, so readers never see
 * half an object.
 */
export class LocalDiskStore implements ObjectStore {
  readonly name: string;

  constructor(readonly rootDir: string) {
    this.name = `local:${rootDir}`;
  }

  localPath(key: string): string {
    assertValidKey(key);
    return join(this.rootDir, ...key.split('/'));
  }

  /** A local directory has no URL: readers on this machine open {@link localPath}. */
  async readUrl(key: string): Promise<null> {
    assertValidKey(key);
    return null;
  }

  async put(key: string, body: Readable | AsyncIterable<Uint8Array>, _options?: PutOptions): Promise<ObjectStat> {
    const target = this.localPath(key);
    const scratch = await this.scratchFile();
    try {
      await pipeline(body instanceof Readable ? body : Readable.from(body), createWriteStream(scratch));
      await mkdir(dirname(target), { recursive: true });
      await rename(scratch, target);
    } catch (error) {
      await rm(scratch, { force: true });
      throw error;
    }
    return this.statOrThrow(key);
  }

  async putFile(key: string, filePath: string, options: PutFileOptions = {}): Promise<ObjectStat> {
    const target = this.localPath(key);
    await mkdir(dirname(target), { recursive: true });
    if (options.move) {
      try {
        await rename(filePath, target);
        return this.statOrThrow(key);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      }
    }
    const scratch = await this.scratchFile();
    await copyFile(filePath, scratch);
    await rename(scratch, target);
    if (options.move) await unlink(filePath);
    return this.statOrThrow(key);
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.localPath(key);
    // Open first so a missing file rejects here instead of erroring later on the stream.
    const stream = createReadStream(path, range ? { start: range.start, end: range.end } : {});
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'ENOENT' ? new NotFoundError(key) : error),
      );
    });
    return stream;
  }

  async stat(key: string): Promise<ObjectStat | null> {
    try {
      const s = await stat(this.localPath(key));
      return s.isFile() ? { key, size: s.size, modifiedAt: s.mtime } : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Removes the file, then its directories as far up as they are empty (archived videos leave no husk). */
  async delete(key: string): Promise<void> {
    const path = this.localPath(key);
    await rm(path, { force: true });
    for (let dir = dirname(path); dir.startsWith(this.rootDir) && dir !== this.rootDir; dir = dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        break; // not empty (or already gone): stop here
      }
    }
  }

  async list(prefix: string): Promise<ObjectStat[]> {
    // Walk only the deepest directory the prefix names, then filter by the full prefix.
    const dirPart = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    if (dirPart) assertValidKey(dirPart);
    const start = dirPart ? join(this.rootDir, ...dirPart.split('/')) : this.rootDir;
    const out: ObjectStat[] = [];
    let entries: string[];
    try {
      entries = await readdir(start, { recursive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return out;
      throw error;
    }
    for (const entry of entries) {
      const key = relative(this.rootDir, join(start, entry)).split(sep).join('/');
      if (!key.startsWith(prefix) || key.split('/').some((s) => s.startsWith('.'))) continue;
      const s = await this.stat(key);
      if (s) out.push(s);
    }
    return out.sort((a, b) => a.key.localeCompare(b.key));
  }

  private async scratchFile(): Promise<string> {
    const dir = join(this.rootDir, SCRATCH);
    await mkdir(dir, { recursive: true });
    return join(dir, randomUUID());
  }

  private async statOrThrow(key: string): Promise<ObjectStat> {
    const s = await this.stat(key);
    if (!s) throw new NotFoundError(key);
    return s;
  }
}
