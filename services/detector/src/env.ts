import { commonEnv, parseEnv } from '@qurbani/kit';
import { z } from 'zod';
import type { DetectorOptions } from './detector.js';

const env = parseEnv({
  HOST: commonEnv.HOST,
  DETECTOR_PORT: z.coerce.number().int().min(0).max(65535).default(4210),
  /** Detections under this score are not returned (the model service applies its own threshold on top). */
  DETECTOR_MIN_SCORE: z.coerce.number().min(0).max(1).default(0.2),
  DETECTOR_MAX_DETECTED: z.coerce.number().int().min(1).max(100).default(20),
  DETECTOR_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(16 * 1024 * 1024),
});

export const config = {
  host: env.HOST,
  port: env.DETECTOR_PORT,
  maxBodyBytes: env.DETECTOR_MAX_BODY_BYTES,
  detector: { minScore: env.DETECTOR_MIN_SCORE, maxDetected: env.DETECTOR_MAX_DETECTED } satisfies DetectorOptions,
};
