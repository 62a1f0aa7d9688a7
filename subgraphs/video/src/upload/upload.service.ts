import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue, enqueueLive, LiveKind, Subject } from '@qurbani/events';
import { hasRole, Role, type Viewer } from '@qurbani/kit';
import { validate as isUuid } from 'uuid';
import type { MediaSettings } from '../media/media.config.js';
import { extensionFor, mediaKeys } from '../media/media-keys.js';
import { VideoStatus } from '../video/video.enums.js';
import { Video } from '../video/video.entity.js';
import { refuse } from './upload.errors.js';

/** What the client declares before sending bytes. */
export interface DeclaredUpload {
  videoId: string;
  contentType: string;
  /** Unknown for a multipart file until it has arrived. */
  sizeBytes?: number;
  sha256: string;
}

/** A file fully received into a local scratch path, with its checksum computed on the way in. */
export interface ReceivedFile {
  path: string;
  sizeBytes: number;
  sha256: string;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Rules shared by the resumable endpoint and the multipart mutation: who, what, how big, intact. */
export class UploadService {
  constructor(
    private readonly settings: MediaSettings,
    private readonly now: () => Date,
  ) {}

  /** Refuses a declaration that can never succeed, before any byte is stored. */
  checkDeclared(declared: DeclaredUpload): DeclaredUpload {
    if (!isUuid(declared.videoId)) throw refuse.badInput('videoId is not a valid id.');
    const contentType = declared.contentType.split(';')[0]!.trim().toLowerCase();
    if (!this.settings.contentTypes.includes(contentType))
      throw refuse.unsupportedType(contentType, this.settings.contentTypes);
    const sha256 = declared.sha256.trim().toLowerCase();
    if (!SHA256.test(sha256)) throw refuse.badInput("sha256 must be the 64 hexadecimal digits of the file's SHA-256.");
    if (declared.sizeBytes !== undefined) {
      if (!Number.isSafeInteger(declared.sizeBytes) || declared.sizeBytes <= 0)
        throw refuse.badInput('The declared size must be a positive number of bytes.');
      if (declared.sizeBytes > this.settings.maxUploadBytes) throw refuse.tooLarge(this.settings.maxUploadBytes);
    }
    return { ...declared, videoId: declared.videoId.toLowerCase(), contentType, sha256 };
  }

  /** The viewer must be the executor assigned to the video's sacrifice, and the video must await its file. */
  async authorize(em: EntityManager, viewer: Viewer | null, videoId: string, lock = false): Promise<Video> {
    if (!viewer) throw refuse.unauthenticated();
    if (!hasRole(viewer, Role.EXECUTOR)) throw refuse.forbidden();
    const video = await em.findOne(
      Video,
      { id: videoId },
      { populate: ['access'], ...(lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) },
    );
    // Someone else's video answers exactly like a missing one.
    if (!video || video.access.executorId !== viewer.id) throw refuse.notFound(videoId);
    if (video.status !== VideoStatus.AWAITING_UPLOAD)
      throw refuse.conflict(
        `This video is ${video.status}; it takes no more uploads. Request a new recording if needed.`,
      );
    return video;
  }

  /**
   * Stores a received file as the video's original (moved, not copied, on one filesystem) and queues
   * `video.initial-upload` in the same transaction. The caller owns the scratch file otherwise.
   */
  async complete(
    em: EntityManager,
    viewer: Viewer | null,
    declared: DeclaredUpload,
    file: ReceivedFile,
  ): Promise<Video> {
    if (declared.sizeBytes !== undefined && file.sizeBytes !== declared.sizeBytes) {
      throw refuse.badInput(`Received ${file.sizeBytes} bytes, ${declared.sizeBytes} were declared.`);
    }
    if (file.sizeBytes > this.settings.maxUploadBytes) throw refuse.tooLarge(this.settings.maxUploadBytes);
    if (file.sha256 !== declared.sha256) throw refuse.checksum(declared.sha256, file.sha256);
    return em.transactional(async (tx) => {
      const video = await this.authorize(tx, viewer, declared.videoId, true);
      const storageKey = mediaKeys(video.id).original(extensionFor(declared.contentType));
      await this.settings.stores.hot.putFile(storageKey, file.path, { move: true, contentType: declared.contentType });
      const at = this.now();
      Object.assign(video, {
        status: VideoStatus.UPLOADED,
        storageKey,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        contentType: declared.contentType,
        uploadedAt: at,
        updatedAt: at,
        failureReason: null,
      });
      enqueueLive(tx, LiveKind.Video, video.id, { status: video.status });
      enqueue(tx, Subject.VideoInitialUpload, {
        videoId: video.id,
        sacrificeId: video.sacrificeId,
        storageKey,
        sha256: file.sha256,
        sizeBytes: file.sizeBytes,
      });
      return video;
    });
  }
}
