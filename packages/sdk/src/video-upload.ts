/**
 * Client side of the proof-video uploads, for apps and scripts (Node ≥ 22 or a browser).
 *
 * - {@link ResumableVideoUpload}: tus 1.0 on `<gateway origin>/uploads/videos`. Create once with the
 *   file's size, type and SHA-256; send chunks with `Upload-Offset`; after a dropped connection ask
 *   {@link ResumableVideoUpload.offset} and continue from there. Keep `url` to resume after a restart.
 * - {@link uploadVideoMultipart}: one GraphQL multipart request for small files.
 */

export const TUS_VERSION = '1.0.0';

export interface ResumableUploadInit {
  /** Gateway origin, e.g. `https://api.charity.org` (the GraphQL URL works too: its path is ignored). */
  origin: string;
  accessToken: string;
  videoId: string;
  contentType: string;
  size: number;
  /** Hex SHA-256 of the whole file; the server refuses the upload when the bytes differ. */
  sha256: string;
  /** An upload URL from an earlier session, to resume instead of creating a new upload. */
  url?: string;
}

/** Thrown for any answer other than the protocol's success codes; `status` 460 is a checksum mismatch. */
export class UploadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(`upload failed (${status}): ${message.trim()}`);
  }
}

/** What a chunk can be: bytes, a Blob slice, or a stream. */
export type UploadBody = NonNullable<RequestInit['body']>;

const b64 = (value: string) => btoa(String.fromCharCode(...new TextEncoder().encode(value)));

export class ResumableVideoUpload {
  url: string | undefined;
  private readonly endpoint: string;

  constructor(private readonly init: ResumableUploadInit) {
    this.endpoint = new URL('/uploads/videos', init.origin).toString();
    this.url = init.url;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { 'tus-resumable': TUS_VERSION, authorization: `Bearer ${this.init.accessToken}`, ...extra };
  }

  /** Declares the upload (size, type, checksum) and remembers its URL. */
  async create(): Promise<string> {
    const metadata = [
      `videoId ${b64(this.init.videoId)}`,
      `filetype ${b64(this.init.contentType)}`,
      `sha256 ${b64(this.init.sha256)}`,
    ].join(',');
    const res = await fetch(this.endpoint, {
      method: 'POST',
      headers: this.headers({ 'upload-length': String(this.init.size), 'upload-metadata': metadata }),
    });
    if (res.status !== 201) throw new UploadError(res.status, await res.text());
    this.url = new URL(res.headers.get('location')!, this.endpoint).toString();
    return this.url;
  }

  /** Bytes the server holds: where to resume. */
  async offset(): Promise<number> {
    const res = await fetch(this.requireUrl(), { method: 'HEAD', headers: this.headers() });
    if (res.status !== 200 && res.status !== 204) throw new UploadError(res.status, res.statusText);
    return Number(res.headers.get('upload-offset'));
  }

  /**
   * Sends `body` starting at `offset`; resolves with the new offset and, once the last byte is in and
   * the checksum matched, the video's status. A stream body needs `length` unknown to fetch: pass it.
   */
  async patch(
    offset: number,
    body: UploadBody,
    options: { signal?: AbortSignal } = {},
  ): Promise<{ offset: number; videoStatus: string | null }> {
    const res = await fetch(this.requireUrl(), {
      method: 'PATCH',
      headers: this.headers({ 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' }),
      body,
      signal: options.signal,
      // Streams need half-duplex in Node's fetch; ignored by browsers for Blobs.
      ...(typeof body === 'object' && body !== null && 'getReader' in body ? { duplex: 'half' } : {}),
    } as RequestInit);
    if (res.status !== 204 && res.status !== 200) throw new UploadError(res.status, await res.text());
    return { offset: Number(res.headers.get('upload-offset')), videoStatus: res.headers.get('video-status') };
  }

  /** Drops an unfinished upload on the server. */
  async abort(): Promise<void> {
    const res = await fetch(this.requireUrl(), { method: 'DELETE', headers: this.headers() });
    if (res.status !== 204) throw new UploadError(res.status, await res.text());
  }

  private requireUrl(): string {
    if (!this.url) throw new Error('create() the upload first');
    return this.url;
  }
}

/**
 * Sends a small file in one GraphQL multipart request (graphql-multipart-request-spec). The
 * gateway pipes it to the video subgraph: select only Video fields in `selection`.
 */
export async function uploadVideoMultipart(
  graphqlUrl: string,
  accessToken: string,
  input: { videoId: string; file: Blob; filename?: string; sha256: string },
  selection = 'id status uploadedAt',
): Promise<{
  data?: { uploadVideo: Record<string, unknown> } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
  status: number;
}> {
  const form = new FormData();
  form.append(
    'operations',
    JSON.stringify({
      query: `mutation UploadVideo($videoId: ID!, $file: Upload!, $sha256: String!) { uploadVideo(videoId: $videoId, file: $file, sha256: $sha256) { ${selection} } }`,
      variables: { videoId: input.videoId, file: null, sha256: input.sha256 },
    }),
  );
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', input.file, input.filename ?? 'video');
  const res = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'apollo-require-preflight': 'true' },
    body: form,
  });
  const text = await res.text();
  try {
    return { ...(JSON.parse(text) as object), status: res.status };
  } catch {
    return { errors: [{ message: text }], status: res.status };
  }
}
