import { S3Client } from '@aws-sdk/client-s3';

/** Which S3-compatible server buckets live on; every field optional (AWS and its default credential chain). */
export interface S3Settings {
  /** e.g. `http://127.0.0.1:8080` for Swift's S3 layer or MinIO; unset: AWS. */
  readonly S3_ENDPOINT?: string;
  readonly S3_REGION?: string;
  readonly S3_ACCESS_KEY_ID?: string;
  readonly S3_SECRET_ACCESS_KEY?: string;
  /** `bucket` in the path rather than the host name; default on when an endpoint is set. */
  readonly S3_FORCE_PATH_STYLE?: boolean;
}

const clients = new Map<string, S3Client>();

/** One client (one connection pool) per distinct setting in this process. */
export function s3Client(settings: S3Settings = {}): S3Client {
  const { S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_FORCE_PATH_STYLE } = settings;
  const id = JSON.stringify([S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_FORCE_PATH_STYLE]);
  let client = clients.get(id);
  if (!client) {
    const { S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey } = settings;
    client = new S3Client({
      endpoint: settings.S3_ENDPOINT || undefined,
      region: settings.S3_REGION || 'us-east-1',
      forcePathStyle: settings.S3_FORCE_PATH_STYLE ?? Boolean(settings.S3_ENDPOINT),
      credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
      // The SDK's default (WHEN_SUPPORTED) sends streamed bodies with aws-chunked framing and trailing
      // checksums: s3rver stores the framing inside the object and Swift's S3 layer refuses it (501).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    clients.set(id, client);
  }
  return client;
}
