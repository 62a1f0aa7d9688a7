import type { MikroORM } from '@mikro-orm/postgresql';
import { GRAPHQL_PATH, MEDIA_PATH } from '@qurbani/kit';
import type express from 'express';
import { startArchiveJob } from '../archive/archive.job.js';
import { ArchiveService } from '../archive/archive.service.js';
import type { ConsumerFactory } from '@qurbani/events';
import { PlaybackService } from '../playback/playback.service.js';
import { mediaRoute } from '../playback/media.route.js';
import { PlaybackSigner } from '../playback/signed-url.js';
import { processingConsumers } from '../processing/processing.consumers.js';
import { ProcessingService } from '../processing/processing.service.js';
import { MultipartUploads } from '../upload/multipart-upload.service.js';
import { multipartUploads } from '../upload/multipart.js';
import type { RedisLocker } from '../upload/redis-locker.js';
import { tusRoute } from '../upload/tus.route.js';
import { createTusServer } from '../upload/tus-upload.js';
import { UploadQuota } from '../upload/upload-quota.js';
import { startUploadSweep } from '../upload/upload-sweep.js';
import { UploadService } from '../upload/upload.service.js';
import { mediaSettings, type MediaOptions, type MediaSettings } from './media.config.js';

/** The services the GraphQL resolvers of uploads, playback and archive call. */
export interface MediaServices {
  multipart: MultipartUploads;
  playback: PlaybackService;
  archive: ArchiveService;
}

/** Uploads, preprocessing, playback and archive, wired once from the configuration. */
export class MediaModule {
  readonly settings: MediaSettings;
  readonly uploads: UploadService;
  readonly quota: UploadQuota;
  readonly processing: ProcessingService;
  readonly services: MediaServices;
  private readonly signer: PlaybackSigner;

  constructor(
    options: MediaOptions | undefined,
    private readonly internalSecret: string,
    now: () => Date,
  ) {
    this.settings = mediaSettings(options, internalSecret);
    this.uploads = new UploadService(this.settings, now);
    this.quota = new UploadQuota(this.settings, now);
    this.processing = new ProcessingService(this.settings, now);
    this.signer = new PlaybackSigner(
      this.settings.playbackSecret,
      this.settings.playbackTtlSeconds,
      now,
      this.settings.publicBaseUrl,
    );
    this.services = {
      multipart: new MultipartUploads(this.uploads, this.quota, this.settings),
      playback: new PlaybackService(this.signer),
      archive: new ArchiveService(this.settings, now),
    };
  }

  /**
   * HTTP routes of the subgraph: resumable uploads, multipart GraphQL, signed media. Returns a stopper.
   * With a shared `locker`, replicas sharing the upload directory serve the same resumable uploads.
   */
  routes(
    app: express.Express,
    orm: MikroORM,
    uploaded: (bytes: number) => void,
    locker?: RedisLocker,
  ): { stop(): Promise<void> } {
    const { server, store } = createTusServer({
      orm,
      locker,
      uploaded,
      uploads: this.uploads,
      quota: this.quota,
      settings: this.settings,
      internalSecret: this.internalSecret,
    });
    tusRoute(app, server, this.internalSecret);
    app.post(GRAPHQL_PATH, multipartUploads({ internalSecret: this.internalSecret }));
    const serve = mediaRoute({
      store: () => this.settings.stores.hot,
      signer: this.signer,
      internalSecret: this.internalSecret,
    });
    app.get(`${MEDIA_PATH}/:videoId/:variant/:exp/:sig/*path`, serve);
    // Abandoned partial uploads expire (tus `expiration` extension) and free their quota.
    return startUploadSweep(orm, this.quota, store, this.settings);
  }

  /** Consumers of the preprocessing worker (in the subgraph process or in `worker.js`). */
  workerConsumers(): ConsumerFactory[] {
    return processingConsumers(this.processing, {
      preprocess: this.settings.preprocessConcurrency,
      renditions: this.settings.renditionConcurrency,
    });
  }

  /** The periodic archive sweep of the worker. */
  startJobs(orm: MikroORM): { stop(): Promise<void> } {
    return startArchiveJob(orm, this.services.archive, this.settings.archiveIntervalMs);
  }
}
