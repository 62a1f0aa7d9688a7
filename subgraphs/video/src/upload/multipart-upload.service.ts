import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '@qurbani/kit';
import type { FileUpload } from 'graphql-upload-minimal';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MediaSettings } from '../media/media.config.js';
import type { Video } from '../video/video.entity.js';
import { PartialUploadKind } from './partial-upload.entity.js';
import type { UploadQuota } from './upload-quota.js';
import { refuse } from './upload.errors.js';
import type { DeclaredUpload, UploadService } from './upload.service.js';

/** Where multipart files are received, one scratch file per request named by its reservation id. */
export const multipartDir = (settings: MediaSettings) => join(settings.uploadDir, 'multipart');

/** The one-request upload: the multipart file streams to a scratch file, hashed and counted on the way. */
export class MultipartUploads {
  constructor(
    private readonly uploads: UploadService,
    private readonly quota: UploadQuota,
    private readonly settings: MediaSettings,
  ) {}

  async receive(
    em: EntityManager,
    viewer: Viewer | null,
    videoId: string,
    upload: Promise<FileUpload>,
    sha256: string,
  ): Promise<Video> {
    const file = await upload;
    const declared = this.uploads.checkDeclared({ videoId, contentType: file.mimetype, sha256 });
    // Refuse before reading: the rest of the request is then drained, not stored.
    await this.uploads.authorize(em.fork(), viewer, declared.videoId);
    // The size is known only at the end: the most a multipart file may take is reserved.
    const id = randomUUID();
    await this.quota.reserve(em, viewer!.id, id, PartialUploadKind.MULTIPART, this.settings.maxMultipartBytes);
    try {
      return await this.store(em, viewer, declared, file, id);
    } finally {
      await this.quota.release(em, id);
    }
  }

  private async store(
    em: EntityManager,
    viewer: Viewer | null,
    declared: DeclaredUpload,
    file: FileUpload,
    id: string,
  ): Promise<Video> {
    const dir = multipartDir(this.settings);
    await mkdir(dir, { recursive: true });
    const path = join(dir, id);
    const hash = createHash('sha256');
    let sizeBytes = 0;
    const max = this.settings.maxMultipartBytes;
    try {
      await pipeline(
        file.createReadStream(),
        new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            sizeBytes += chunk.length;
            if (sizeBytes > max) return callback(refuse.tooLarge(max));
            hash.update(chunk);
            callback(null, chunk);
          },
        }),
        createWriteStream(path),
      );
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    try {
      return await this.uploads.complete(em, viewer, declared, { path, sizeBytes, sha256: hash.digest('hex') });
    } finally {
      await rm(path, { force: true });
    }
  }
}
