import { ErrorCode } from '@qurbani/kit';

/**
 * Why an upload is refused, with both faces of it: the HTTP status the resumable endpoint answers
 * (tus uses 460 for a checksum mismatch) and the GraphQL code the multipart mutation answers.
 */
export class UploadRefused extends Error {
  constructor(readonly status: number, readonly code: ErrorCode, message: string) {
    super(message);
  }
}

export const refuse = {
  unauthenticated: () => new UploadRefused(401, ErrorCode.Unauthenticated, 'Sign in first.'),
  forbidden: (msg = 'Only the executor assigned to this sacrifice may upload its video.') => new UploadRefused(403, ErrorCode.Forbidden, msg),
  notFound: (videoId: string) => new UploadRefused(404, ErrorCode.NotFound, `Video ${videoId} was not found.`),
  conflict: (msg: string) => new UploadRefused(409, ErrorCode.Conflict, msg),
  badInput: (msg: string) => new UploadRefused(400, ErrorCode.BadUserInput, msg),
  tooLarge: (max: number) => new UploadRefused(413, ErrorCode.BadUserInput, `The file is larger than the ${Math.floor(max / 1024 ** 2)} MiB allowed.`),
  unsupportedType: (type: string, allowed: readonly string[]) =>
    new UploadRefused(415, ErrorCode.BadUserInput, `Files of type ${type || '(none)'} are not accepted; send one of ${allowed.join(', ')}.`),
  checksum: (expected: string, actual: string) =>
    new UploadRefused(460, ErrorCode.BadUserInput, `Checksum mismatch: the file received has sha256 ${actual}, not ${expected}. Upload it again.`),
};
