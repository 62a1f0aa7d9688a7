import { ErrorCode } from '@qurbani/kit';

/**
 * Why an upload is refused, with both faces of it: the HTTP status the resumable endpoint answers
 * (tus uses 460 for a checksum mismatch) and the GraphQL code the multipart mutation answers.
 */
export class UploadRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const mib = (bytes: number) => Math.floor(bytes / 1024 ** 2);

export const refuse = {
  unauthenticated: () => new UploadRefused(401, ErrorCode.Unauthenticated, 'Sign in first.'),
  forbidden: (msg = 'Only the executor assigned to this sacrifice may upload its video.') =>
    new UploadRefused(403, ErrorCode.Forbidden, msg),
  notFound: (videoId: string) => new UploadRefused(404, ErrorCode.NotFound, `Video ${videoId} was not found.`),
  conflict: (msg: string) => new UploadRefused(409, ErrorCode.Conflict, msg),
  badInput: (msg: string) => new UploadRefused(400, ErrorCode.BadUserInput, msg),
  tooLarge: (max: number) =>
    new UploadRefused(413, ErrorCode.BadUserInput, `The file is larger than the ${mib(max)} MiB allowed.`),
  unsupportedType: (type: string, allowed: readonly string[]) =>
    new UploadRefused(
      415,
      ErrorCode.BadUserInput,
      `Files of type ${type || '(none)'} are not accepted; send one of ${allowed.join(', ')}.`,
    ),
  tooManyUploads: (max: number) =>
    new UploadRefused(
      429,
      ErrorCode.RateLimited,
      `You already have ${max} unfinished uploads: finish or cancel one (tus DELETE) before starting another.`,
    ),
  executorBytes: (max: number) =>
    new UploadRefused(
      429,
      ErrorCode.RateLimited,
      `Your unfinished uploads would exceed the ${mib(max)} MiB allowed at once: finish or cancel one before starting another.`,
    ),
  noStorage: () =>
    new UploadRefused(
      507,
      ErrorCode.InsufficientStorage,
      'The server is short of storage for uploads right now; nothing was stored. Try again later.',
    ),
  checksum: (expected: string, actual: string) =>
    new UploadRefused(
      460,
      ErrorCode.BadUserInput,
      `Checksum mismatch: the file received has sha256 ${actual}, not ${expected}. Upload it again.`,
    ),
};
