import type { NodeMiddleware } from '@qurbani/kit';

// Every path the gateway serves is plain: letters, digits and `-._~/` (ids, base64url signatures,
// file names). Anything else in the path is refused rather than decoded, so no encoding of `..`,
// `/` or `\` can steer a proxied request somewhere else.
const SEGMENT = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$/;

/** `/a/b`, `/a/b/`, `/`: no empty, `.` or `..` segment, nothing encoded. */
function isPlainPath(path: string): boolean {
  if (!path.startsWith('/')) return false;
  const segments = path.slice(1).split('/');
  if (segments.at(-1) === '') segments.pop();
  return segments.every((segment) => SEGMENT.test(segment));
}

/**
 * Refuses, before any route runs, a request target that is not a plain origin-form path: an
 * absolute-form target (`GET http://other-host/...`), `//host`, dot segments, percent-encoding or
 * backslashes in the path, or control characters anywhere. The query string is never used to route.
 */
export const refuseUnsafeTargets: NodeMiddleware = (req, res, next) => {
  const target = req.url ?? '';
  const query = target.indexOf('?');
  const path = query === -1 ? target : target.slice(0, query);
  if (isPlainPath(path) && !/[\u0000-\u001f\u007f\\]/.test(target)) return next();
  const text = 'Bad request target.\n';
  res
    .writeHead(400, { 'content-type': 'text/plain; charset=utf-8', 'content-length': text.length, connection: 'close' })
    .end(text);
};
