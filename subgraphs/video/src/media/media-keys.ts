/**
 * Where a video's objects live in the store. The layout mirrors playback URLs: a signed URL grants
 * one variant folder (`original/` or `blurred/`), so HLS playlists can use relative segment paths.
 */
export const mediaKeys = (videoId: string) => {
  const root = `videos/${videoId}`;
  return {
    prefix: `${root}/`,
    original: (ext: string) => `${root}/original/source.${ext}`,
    originalHls: `${root}/original/hls`,
    originalThumbnail: `${root}/original/thumb.jpg`,
    blurredMp4: `${root}/blurred/video.mp4`,
    blurredHls: `${root}/blurred/hls`,
    blurredThumbnail: `${root}/blurred/thumb.jpg`,
    audio: `${root}/audio.wav`,
    /** The store key behind a path inside a signed variant folder. */
    inVariant: (variant: PlaybackVariantName, path: string) => `${root}/${variant}/${path}`,
  };
};

export type PlaybackVariantName = 'original' | 'blurred';

const EXTENSIONS: Record<string, string> = {
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'video/x-matroska': 'mkv',
  'video/3gpp': '3gp',
};

/** File extension stored for an allowed upload content type. */
export const extensionFor = (contentType: string) => EXTENSIONS[contentType] ?? 'bin';
