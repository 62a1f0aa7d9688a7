/** Request headers of the tus 1.0 protocol (resumable uploads). */
export const TUS_REQUEST_HEADERS = [
  'tus-resumable',
  'upload-length',
  'upload-offset',
  'upload-metadata',
  'upload-defer-length',
  'upload-concat',
  'x-http-method-override',
] as const;

/** Apollo's CSRF-prevention headers, which a multipart GraphQL request carries. */
export const APOLLO_PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'] as const;
