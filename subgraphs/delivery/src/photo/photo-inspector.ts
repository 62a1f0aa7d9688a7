import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { photoIsComplete, photoTypeOf, SIGNATURE_BYTES, type PhotoType } from './image-signature.rules.js';

/** Why a photo was refused; the route turns each into its HTTP answer. */
export class PhotoRefused extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Passes a photo's bytes through while it checks them: the first bytes must be a JPEG's or a PNG's,
 * the last must close it, and the total stays under `maxBytes`. It fails the stream on the first
 * breach, so the store (`put`) keeps nothing of a refused file. Holds only the two ends, not the file.
 */
export class PhotoInspector extends Transform {
  type: PhotoType | null = null;
  size = 0;
  private head: Buffer = Buffer.alloc(0);
  private tail: Buffer = Buffer.alloc(0);
  private readonly hash = createHash('sha256');

  constructor(private readonly maxBytes: number) {
    super();
  }

  get sha256(): string {
    return this.hash.digest('hex');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(tooLarge(this.maxBytes));
    this.hash.update(chunk);
    this.tail = Buffer.concat([this.tail, chunk]).subarray(-SIGNATURE_BYTES);
    if (!this.type) {
      this.head = Buffer.concat([this.head, chunk]).subarray(0, SIGNATURE_BYTES);
      if (this.head.length < SIGNATURE_BYTES) return done(null, chunk);
      this.type = photoTypeOf(this.head);
      if (!this.type) return done(notAnImage());
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    this.type ??= photoTypeOf(this.head);
    if (!this.type) return done(this.size === 0 ? new PhotoRefused(400, 'The photo is empty.') : notAnImage());
    if (!photoIsComplete(this.type, this.tail))
      return done(new PhotoRefused(400, 'The photo is incomplete or damaged (its end is missing); send it again.'));
    done();
  }
}

export const tooLarge = (maxBytes: number) =>
  new PhotoRefused(413, `The photo is larger than ${(maxBytes / 1024 / 1024).toFixed(1)} MB; send a smaller one.`);

const notAnImage = () => new PhotoRefused(415, 'Only JPEG or PNG photos are accepted: this file is neither.');
