import type { MikroORM } from '@mikro-orm/postgresql';
import { newId, UPLOADS_PATH, VIEWER_HEADER, verifyViewerToken, type Viewer } from '@qurbani/kit';
import { Server, type ServerOptions } from '@tus/server';
import { EVENTS, type Upload } from '@tus/utils';
import type { MediaSettings } from '../media/media.config.js';
import { HashingFileStore } from './hashing-file-store.js';
import type { RedisLocker } from './redis-locker.js';
import { PartialUploadKind } from './partial-upload.entity.js';
import type { UploadQuota } from './upload-quota.js';
import { refuse, UploadRefused } from './upload.errors.js';
import type { DeclaredUpload, UploadService } from './upload.service.js';

type TusRequest = Parameters<NonNullable<ServerOptions['onIncomingRequest']>>[0];

/** tus hooks report failures by throwing `{ status_code, body }`. */
function asTus(error: unknown): unknown {
  return error instanceof UploadRefused ? { status_code: error.status, body: `${error.message}\n` } : error;
}

function declaredOf(upload: Upload): DeclaredUpload {
  const meta = upload.metadata ?? {};
  return {
    videoId: meta.videoId ?? '',
    contentType: meta.filetype ?? '',
    sha256: meta.sha256 ?? '',
    sizeBytes: upload.size,
  };
}

/**
 * The resumable upload endpoint (tus 1.0: creation, expiration, termination). The client declares
 * `Upload-Length` and `Upload-Metadata` with `videoId`, `filetype` and `sha256`; sends PATCHes with
 * `Upload-Offset`; after a dropped connection, HEAD tells the offset to resume from. The last PATCH
 * is answered once the checksum matched and the video is UPLOADED.
 */
export function createTusServer(deps: {
  orm: MikroORM;
  uploads: UploadService;
  quota: UploadQuota;
  settings: MediaSettings;
  internalSecret: string;
  /** Told the size of each upload recorded (metrics). */
  uploaded: (bytes: number) => void;
  /** Locks shared by the replicas (default: tus' in-memory locks, one process only). */
  locker?: RedisLocker;
}) {
  const { orm, uploads, quota, settings } = deps;
  const store = new HashingFileStore({
    directory: settings.uploadDir,
    expirationPeriodInMilliseconds: settings.uploadExpiryMs,
  });
  if (deps.locker) store.mayWrite = (id) => deps.locker!.mayWrite(id);

  const viewerOf = (req: TusRequest): Viewer | null => {
    try {
      return verifyViewerToken(req.headers.get(VIEWER_HEADER) ?? undefined, deps.internalSecret);
    } catch {
      throw refuse.unauthenticated();
    }
  };

  /** Deletes an upload's file and frees its room in the quotas. */
  const drop = async (id: string) => {
    await store.forget(id);
    await quota.release(orm.em, id);
  };

  /** Records a complete upload; a refused one is deleted, a transient failure keeps it for a retry. */
  const finish = async (req: TusRequest, upload: Upload) => {
    const declared = uploads.checkDeclared(declaredOf(upload));
    const file = {
      path: store.pathOf(upload.id),
      sizeBytes: upload.offset,
      sha256: await store.digest(upload.id, upload.offset),
    };
    try {
      const video = await uploads.complete(orm.em.fork(), viewerOf(req), declared, file);
      deps.uploaded(file.sizeBytes);
      await drop(upload.id);
      return video;
    } catch (error) {
      if (error instanceof UploadRefused) await drop(upload.id);
      throw error;
    }
  };

  const server = new Server({
    path: UPLOADS_PATH,
    datastore: store,
    relativeLocation: true,
    ...(deps.locker ? { locker: deps.locker } : {}),
    maxSize: settings.maxUploadBytes,
    namingFunction: () => newId(),
    async onIncomingRequest(req, id) {
      try {
        const viewer = viewerOf(req);
        if (req.method === 'POST') return; // authorized in onUploadCreate, which sees the metadata
        const upload = await store.getUpload(id).catch(() => null);
        if (!upload) return; // tus answers 404 itself
        await uploads.authorize(orm.em.fork(), viewer, declaredOf(upload).videoId);
        // All bytes arrived but recording them failed (database down...): a resuming client's HEAD finishes it.
        if (req.method === 'HEAD' && upload.size !== undefined && upload.offset === upload.size)
          await finish(req, upload);
      } catch (error) {
        throw asTus(error);
      }
    },
    async onUploadCreate(req, upload) {
      try {
        if (upload.sizeIsDeferred || upload.size === undefined)
          throw refuse.badInput('Declare the file size in Upload-Length.');
        const declared = uploads.checkDeclared(declaredOf(upload));
        const viewer = viewerOf(req);
        await uploads.authorize(orm.em.fork(), viewer, declared.videoId);
        // The last check before tus creates the file: refused, nothing is stored.
        await quota.reserve(orm.em, viewer!.id, upload.id, PartialUploadKind.TUS, upload.size);
        return {
          metadata: {
            ...upload.metadata,
            videoId: declared.videoId,
            filetype: declared.contentType,
            sha256: declared.sha256,
          },
        };
      } catch (error) {
        throw asTus(error);
      }
    },
    async onUploadFinish(req, upload) {
      try {
        const video = await finish(req, upload);
        return { headers: { 'Video-Status': video.status } };
      } catch (error) {
        throw asTus(error);
      }
    },
  });
  // A client cancelled its upload (tus termination): the file is gone, free its room.
  server.on(EVENTS.POST_TERMINATE, (_req: unknown, _res: unknown, id: string) => {
    quota.release(orm.em, id).catch((error) => console.error('could not release an upload reservation:', error));
  });
  return { server, store };
}
