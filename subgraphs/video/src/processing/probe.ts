import type { MediaInfo } from './media-info.js';
import { run } from './ffmpeg.js';

/** A file the pipeline refuses, with the reason the executor reads on the video. */
export class RejectedMedia extends Error {}

interface ProbeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  disposition?: { attached_pic?: number };
  tags?: { rotate?: string };
  side_data_list?: { rotation?: number }[];
}
interface ProbeOutput {
  streams?: ProbeStream[];
  format?: { duration?: string; format_name?: string };
}

const DAMAGED = 'The file could not be read as a video: it is damaged or incomplete. Upload it again, or record again.';

/** Probes an original and refuses what cannot prove a sacrifice: no picture, no sound, unreadable, too short or too long. */
export async function probe(
  ffprobe: string,
  path: string,
  limits: { minDurationSeconds: number; maxDurationSeconds: number },
): Promise<MediaInfo> {
  const result = await run(
    ffprobe,
    [
      '-v',
      'error',
      '-show_entries',
      'format=duration,format_name:stream=codec_type,codec_name,width,height:stream_tags=rotate:stream_side_data=rotation:stream_disposition=attached_pic',
      '-of',
      'json',
      path,
    ],
    { timeoutMs: 60_000 },
  );
  let output: ProbeOutput;
  try {
    output = JSON.parse(result.stdout || '{}') as ProbeOutput;
  } catch {
    throw new RejectedMedia(DAMAGED);
  }
  if (result.code !== 0 || !output.format) throw new RejectedMedia(DAMAGED);
  const streams = output.streams ?? [];
  // A cover picture in an audio file is a "video" stream to ffprobe, not a recording.
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic && s.width && s.height);
  const audio = streams.find((s) => s.codec_type === 'audio');
  if (!video)
    throw new RejectedMedia('The file has no picture: it is not a video. Upload the recording from the camera.');
  if (!audio)
    throw new RejectedMedia(
      'The video has no sound, so the names cannot be heard. Record again with the microphone on.',
    );
  const durationSeconds = Number(output.format.duration);
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0) throw new RejectedMedia(DAMAGED);
  if (durationSeconds < limits.minDurationSeconds) {
    throw new RejectedMedia(
      `The video lasts ${durationSeconds.toFixed(1)} s; at least ${limits.minDurationSeconds} s are needed. Record again.`,
    );
  }
  if (durationSeconds > limits.maxDurationSeconds) {
    throw new RejectedMedia(
      `The video lasts ${Math.round(durationSeconds)} s; at most ${limits.maxDurationSeconds} s are accepted. Record only the sacrifice.`,
    );
  }
  const rotation =
    Math.abs(Number(video.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? video.tags?.rotate ?? 0)) %
    180;
  const [width, height] = rotation === 90 ? [video.height!, video.width!] : [video.width!, video.height!];
  return {
    width,
    height,
    durationSeconds,
    videoCodec: video.codec_name ?? 'unknown',
    audioCodec: audio.codec_name ?? 'unknown',
    container: output.format.format_name ?? 'unknown',
  };
}
