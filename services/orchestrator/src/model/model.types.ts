/** Wire types of the Python model service (services/model/README.md). */

type ModelCheckResult = 'pass' | 'fail_suspected' | 'manual_review' | 'unavailable';

export interface AnalyzeRequest {
  /** Absolute path the model service can read (a shared disk)... */
  videoPath?: string;
  /** ...or a presigned URL it downloads the original from (object storage). */
  videoUrl?: string;
  /** 1 to 7 names, every one to be heard. */
  expectedNames: string[];
  /** Other names expected at the same site and day. */
  confusableNames?: string[];
  species?: 'sheep' | 'goat' | 'cow' | 'camel';
  requestId?: string;
}

export interface ModelCheck {
  result: ModelCheckResult;
  model: string;
  version: string;
  evidence?: Record<string, unknown>;
}

interface PerNameResult {
  name: string;
  result: ModelCheckResult;
  score?: number | null;
  evidence?: Record<string, unknown>;
}

export interface AnalyzeResponse {
  requestId?: string;
  scene: ModelCheck;
  names: ModelCheck & { perName: PerNameResult[] };
  durationSeconds?: number;
  timings?: Record<string, number>;
}

export interface ModelHealth {
  status: string;
  service: string;
  version: string;
}
