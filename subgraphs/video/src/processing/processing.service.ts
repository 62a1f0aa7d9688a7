import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue, enqueueLive, LiveKind, Subject, type EventPayloads } from '@qurbani/events';
import { join } from 'node:path';
import type { MediaSettings } from '../media/media.config.js';
import { mediaKeys } from '../media/media-keys.js';
import { VideoStatus } from '../video/video.enums.js';
import { Video } from '../video/video.entity.js';
import { extractAudio, extractThumbnail } from './extract.js';
import { notifyRejectedFile } from './processing.notifications.js';
import { probe, RejectedMedia } from './probe.js';
import { blurFilter, makeRenditions, planRenditions, renditionArgs } from './renditions.js';
import { localInput, storeTree, withWorkDir } from './work-dir.js';

type InitialUpload = EventPayloads[typeof Subject.VideoInitialUpload];
type Preprocessed = EventPayloads[typeof Subject.VideoUploadedPreprocessed];

/**
 * The two steps between an upload and playback. `preprocess` does what the AI needs, fast: probe
 * (refusing what cannot prove a sacrifice), sound track, poster; then `video.uploaded-preprocessed`.
 * `renditions` then makes the HLS ladders and the blurred copy, at a lower CPU priority.
 */
export class ProcessingService {
  constructor(
    private readonly settings: MediaSettings,
    private readonly now: () => Date,
  ) {}

  /** Handler of `video.initial-upload`; runs in the consumer's transaction (inbox + changes + next event). */
  async preprocess(em: EntityManager, event: InitialUpload): Promise<void> {
    const video = await em.findOne(Video, { id: event.videoId }, { populate: ['access'] });
    // Gone, or already past this step (a replay): nothing to do.
    if (!video || video.status !== VideoStatus.UPLOADED || video.storageKey !== event.storageKey) return;
    const { hot } = this.settings.stores;
    const keys = mediaKeys(video.id);
    await withWorkDir('preprocess', async (dir) => {
      const input = await localInput(hot, event.storageKey, dir);
      let info;
      try {
        info = await probe(this.settings.ffprobePath, input, this.settings);
        await extractAudio(this.settings.ffmpegPath, input, join(dir, 'audio.wav'), info);
        await extractThumbnail(this.settings.ffmpegPath, input, join(dir, 'thumb.jpg'), info);
      } catch (error) {
        if (!(error instanceof RejectedMedia)) throw error;
        Object.assign(video, { status: VideoStatus.FAILED, failureReason: error.message, updatedAt: this.now() });
        notifyRejectedFile(em, video, error.message);
        enqueueLive(em, LiveKind.Video, video.id, { status: video.status });
        return;
      }
      await hot.putFile(keys.audio, join(dir, 'audio.wav'), { move: true });
      await hot.putFile(keys.originalThumbnail, join(dir, 'thumb.jpg'), { move: true });
      Object.assign(video, {
        status: VideoStatus.PROCESSING,
        durationSeconds: Math.round(info.durationSeconds),
        mediaInfo: info,
        audioKey: keys.audio,
        thumbnailKey: keys.originalThumbnail,
        updatedAt: this.now(),
      });
      enqueueLive(em, LiveKind.Video, video.id, { status: video.status });
      enqueue(em, Subject.VideoUploadedPreprocessed, {
        videoId: video.id,
        sacrificeId: video.sacrificeId,
        storageKey: event.storageKey,
        audioKey: keys.audio,
        durationSeconds: info.durationSeconds,
      });
    });
  }

  /**
   * Handler of `video.uploaded-preprocessed` (its own durable, next to the AI's): the playback
   * renditions. Only rendition columns change, so a verdict stored meanwhile is never overwritten.
   */
  async renditions(em: EntityManager, event: Preprocessed): Promise<void> {
    const video = await em.findOne(Video, { id: event.videoId });
    if (
      !video?.mediaInfo ||
      video.storageKey !== event.storageKey ||
      video.renditionsReadyAt ||
      video.renditionsError ||
      video.archivedAt
    )
      return;
    const info = video.mediaInfo;
    const { hot } = this.settings.stores;
    const keys = mediaKeys(video.id);
    await withWorkDir('renditions', async (dir) => {
      const input = await localInput(hot, event.storageKey, dir);
      const plan = planRenditions(info, this.settings.ladder, this.settings.blurredLadder);
      const out = { hls: join(dir, 'hls'), blurredHls: join(dir, 'blurred-hls'), blurredMp4: join(dir, 'blurred.mp4') };
      const made = await makeRenditions(
        this.settings.ffmpegPath,
        renditionArgs(input, info, plan, out, this.settings.x264Preset),
        this.settings.niceness,
      );
      const thumb = join(dir, 'blurred-thumb.jpg');
      if (made.ok)
        await extractThumbnail(this.settings.ffmpegPath, input, thumb, info, blurFilter(360)).catch(() => undefined);
      if (!made.ok) {
        // The head of the file probed fine but its body is broken: retrying would fail the same way.
        Object.assign(video, {
          renditionsError: `The playback copies could not be made: ${made.error}`.slice(0, 1000),
          updatedAt: this.now(),
        });
        return;
      }
      await storeTree(hot, out.hls, keys.originalHls);
      await storeTree(hot, out.blurredHls, keys.blurredHls);
      await hot.putFile(keys.blurredMp4, out.blurredMp4, { move: true });
      await hot.putFile(keys.blurredThumbnail, thumb, { move: true }).catch(() => undefined);
      Object.assign(video, {
        blurredStorageKey: keys.blurredMp4,
        renditionsReadyAt: this.now(),
        updatedAt: this.now(),
        mediaInfo: { ...info, ladder: plan.ladder, blurredLadder: plan.blurredLadder },
      });
    });
  }
}
