import { FileStore } from '@tus/file-store';
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type http from 'node:http';
import { join } from 'node:path';
import { pipeline, Transform, type Readable } from 'node:stream';

/** SHA-256 of a whole file, read from disk. */
async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * tus' file store, hashing the bytes as they are written: when every chunk of an upload passed
 * through this process in order, its SHA-256 is ready when the last byte lands. After a restart, or
 * a chunk served by another replica, the running hash is dropped and the file is read once instead.
 */
export class HashingFileStore extends FileStore {
  private readonly running = new Map<string, { hash: Hash; offset: number }>();
  /**
   * The shared lock's fence (`RedisLocker.mayWrite`): checked before each chunk goes to disk, so a
   * request whose lock may have passed to another replica stops writing. Unset: one process, no fence.
   */
  mayWrite?: (id: string) => boolean;

  override async write(source: http.IncomingMessage | Readable, id: string, offset: number): Promise<number> {
    const readable = this.fenced(source, id);
    if (offset === 0) this.running.set(id, { hash: createHash('sha256'), offset: 0 });
    const state = this.running.get(id);
    if (!state || state.offset !== offset) {
      this.running.delete(id);
      return super.write(readable, id, offset);
    }
    let seen = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        state.hash.update(chunk);
        seen += chunk.length;
        callback(null, chunk);
      },
    });
    try {
      const next = await super.write(
        pipeline(readable, tap, () => undefined),
        id,
        offset,
      );
      // Every hashed byte must be on disk, and only those: otherwise fall back to reading the file.
      if (next === offset + seen) state.offset = next;
      else this.running.delete(id);
      return next;
    } catch (error) {
      this.running.delete(id);
      throw error;
    }
  }

  private fenced(source: http.IncomingMessage | Readable, id: string): http.IncomingMessage | Readable {
    const mayWrite = this.mayWrite;
    if (!mayWrite) return source;
    const fence = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        if (mayWrite(id)) callback(null, chunk);
        else callback(new Error(`lost the lock of upload ${id}`));
      },
    });
    return pipeline(source, fence, () => undefined);
  }

  /** The upload's file on local disk. */
  pathOf(id: string): string {
    return join(this.directory, id);
  }

  /** SHA-256 of a complete upload of `size` bytes. */
  async digest(id: string, size: number): Promise<string> {
    const state = this.running.get(id);
    this.running.delete(id);
    if (state && state.offset === size) return state.hash.digest('hex');
    return hashFile(this.pathOf(id));
  }

  /** Drops an upload's bookkeeping and whatever is left of its file. */
  async forget(id: string): Promise<void> {
    this.running.delete(id);
    await rm(this.pathOf(id), { force: true });
    await this.configstore.delete(id);
  }
}
