import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createReadStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { contentTypeOf } from './content-type.js';
import {
  assertValidKey,
  NotFoundError,
  type ByteRange,
  type ObjectStat,
  type ObjectStore,
  type PutFileOptions,
  type PutOptions,
} from './object-store.js';

/** Multipart part size: S3's minimum is 5 MiB; two parts in flight bound the memory of one `put`. */
const PART_BYTES = 8 * 1024 * 1024;

const isMissing = (error: unknown) =>
  error instanceof S3ServiceException &&
  (error.$metadata.httpStatusCode === 404 || error.name === 'NoSuchKey' || error.name === 'NotFound');

/**
 * An {@link ObjectStore} in an S3-compatible bucket (AWS S3, OpenStack Swift's S3 layer, MinIO, ...),
 * below an optional key prefix. Writes are multipart uploads, so an object appears only when complete.
 * There is no local path: readers stream the object or fetch it by presigned URL ({@link readUrl}).
 */
export class S3ObjectStore implements ObjectStore {
  readonly name: string;
  private readonly prefix: string;

  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
    prefix = '',
  ) {
    this.prefix = prefix.replace(/^\/+|\/+$/g, '');
    this.name = `s3:${bucket}${this.prefix ? `/${this.prefix}` : ''}`;
  }

  localPath(key: string): null {
    assertValidKey(key);
    return null;
  }

  async put(key: string, body: Readable | AsyncIterable<Uint8Array>, options: PutOptions = {}): Promise<ObjectStat> {
    const upload = new Upload({
      client: this.client,
      partSize: PART_BYTES,
      queueSize: 2,
      params: {
        Bucket: this.bucket,
        Key: this.objectKey(key),
        Body: body instanceof Readable ? body : Readable.from(body),
        ContentType: options.contentType ?? contentTypeOf(key),
      },
    });
    await upload.done();
    return this.statOrThrow(key);
  }

  async putFile(key: string, filePath: string, options: PutFileOptions = {}): Promise<ObjectStat> {
    const stat = await this.put(key, createReadStream(filePath), options);
    if (options.move) await unlink(filePath);
    return stat;
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: this.objectKey(key),
          Range: range ? `bytes=${range.start}-${range.end ?? ''}` : undefined,
        }),
      );
      return out.Body as Readable;
    } catch (error) {
      if (isMissing(error)) throw new NotFoundError(key);
      throw error;
    }
  }

  async stat(key: string): Promise<ObjectStat | null> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return { key, size: out.ContentLength ?? 0, modifiedAt: out.LastModified ?? new Date(0) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  async list(prefix: string): Promise<ObjectStat[]> {
    const out: ObjectStat[] = [];
    const strip = this.prefix ? this.prefix.length + 1 : 0;
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.rawPrefix(prefix), ContinuationToken: token }),
      );
      for (const o of page.Contents ?? [])
        out.push({ key: o.Key!.slice(strip), size: o.Size ?? 0, modifiedAt: o.LastModified ?? new Date(0) });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out.sort((a, b) => a.key.localeCompare(b.key));
  }

  /** A presigned GET of the object, valid `seconds` (SigV4: the bucket refuses it tampered or expired). */
  async readUrl(key: string, seconds: number): Promise<string> {
    const command = new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) });
    return getSignedUrl(this.client, command, { expiresIn: seconds });
  }

  private objectKey(key: string): string {
    assertValidKey(key);
    return this.prefix ? `${this.prefix}/${key}` : key;
  }

  private rawPrefix(prefix: string): string {
    return this.prefix ? `${this.prefix}/${prefix}` : prefix;
  }

  private async statOrThrow(key: string): Promise<ObjectStat> {
    const s = await this.stat(key);
    if (!s) throw new NotFoundError(key);
    return s;
  }
}
