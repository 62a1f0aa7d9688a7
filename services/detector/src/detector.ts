/**
 * COCO object detector: the CenterNet model shipped inside the npm package
 * @vladmandic/human, run by tfjs on the wasm backend. Nothing is downloaded: the
 * model files are read from the installed package's `models/` directory.
 *
 * Two quirks of human@3.3.6 are handled here:
 * - its `exports` map points Node at the tfjs-node build, so the wasm build is
 *   loaded by path (`dist/human.node-wasm.js`);
 * - it loads models with fetch(), and Node's fetch cannot read file:// URLs, so
 *   a shim answers file:// requests from disk (every other URL is refused:
 *   nothing may be fetched from the network at run time).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

const require = createRequire(import.meta.url);

export interface Detection {
  label: string;
  score: number;
  /** x, y, width, height in pixels of the image sent */
  box: [number, number, number, number];
}

export interface DetectResult {
  model: string;
  version: string;
  width: number;
  height: number;
  detections: Detection[];
}

export interface DetectorOptions {
  minScore: number;
  maxDetected: number;
}

export interface Detector {
  readonly model: string;
  readonly version: string;
  readonly backend: string;
  detect(image: Buffer): Promise<DetectResult>;
}

export class ImageError extends Error {}

export const MODEL_NAME = 'CenterNet COCO (@vladmandic/human models/centernet.json, tfjs wasm)';

/** Root of the installed @vladmandic/human package (its `require` export is dist/human.node.js). */
export function humanRoot(): string {
  return path.dirname(path.dirname(require.resolve('@vladmandic/human')));
}

let shimInstalled = false;
function installFileFetch(): void {
  if (shimInstalled) return;
  shimInstalled = true;
  const original = globalThis.fetch;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.startsWith('file://')) {
      const body = await readFile(fileURLToPath(url));
      const type = url.endsWith('.json') ? 'application/json' : 'application/octet-stream';
      return new Response(body, { status: 200, headers: { 'content-type': type } });
    }
    return original(input, init);
  };
}

/** Decode a JPEG or PNG (by its magic bytes) to packed RGB. */
export function decodeImage(buf: Buffer): { data: Uint8Array; width: number; height: number } {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) {
    try {
      const img = jpeg.decode(buf, { useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 512 });
      return { data: img.data, width: img.width, height: img.height };
    } catch (err) {
      throw new ImageError(`JPEG could not be decoded: ${(err as Error).message}`);
    }
  }
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    let png: PNG;
    try {
      png = PNG.sync.read(buf);
    } catch (err) {
      throw new ImageError(`PNG could not be decoded: ${(err as Error).message}`);
    }
    const n = png.width * png.height;
    const rgb = new Uint8Array(n * 3);
    for (let i = 0; i < n; i++) {
      rgb[i * 3] = png.data[i * 4];
      rgb[i * 3 + 1] = png.data[i * 4 + 1];
      rgb[i * 3 + 2] = png.data[i * 4 + 2];
    }
    return { data: rgb, width: png.width, height: png.height };
  }
  throw new ImageError('the body is not a JPEG or PNG image');
}

/** Box [x, y, w, h] clipped to the image, one decimal. */
function clip(box: number[], width: number, height: number): Detection['box'] {
  const x0 = Math.max(0, Math.min(width, box[0]));
  const y0 = Math.max(0, Math.min(height, box[1]));
  const x1 = Math.max(0, Math.min(width, box[0] + box[2]));
  const y1 = Math.max(0, Math.min(height, box[1] + box[3]));
  const r = (v: number) => Math.round(v * 10) / 10;
  return [r(x0), r(y0), r(x1 - x0), r(y1 - y0)];
}

interface HumanLike {
  version: string;
  tf: any;
  load(): Promise<void>;
  detect(
    input: unknown,
  ): Promise<{ object: Array<{ label: string; score: number; box: number[] }>; error: string | null }>;
}

/** Load Human once, with only the object detector enabled. */
export async function createDetector(opts: DetectorOptions): Promise<Detector> {
  installFileFetch();
  const root = humanRoot();
  const modelsDir = path.join(root, 'models');
  const wasmDir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  const { Human } = require(path.join(root, 'dist', 'human.node-wasm.js')) as {
    Human: new (cfg: unknown) => HumanLike;
  };
  const human = new Human({
    backend: 'wasm',
    wasmPath: wasmDir + path.sep,
    modelBasePath: pathToFileURL(modelsDir + path.sep).href,
    debug: false,
    async: true,
    warmup: 'none',
    cacheSensitivity: 0, // every frame is a new picture: never reuse a previous result
    face: { enabled: false },
    body: { enabled: false },
    hand: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
    filter: { enabled: false },
    object: {
      enabled: true,
      modelPath: 'centernet.json',
      minConfidence: opts.minScore,
      maxDetected: opts.maxDetected,
      skipFrames: 0,
    },
  });
  await human.load();
  await human.tf.ready();
  const backend = String(human.tf.getBackend());
  if (backend !== 'wasm') throw new Error(`tfjs backend is ${backend}, expected wasm`);
  const weights = await readFile(path.join(modelsDir, 'centernet.bin'));
  const version = `human ${human.version}; centernet sha256:${createHash('sha256').update(weights).digest('hex').slice(0, 16)}; tfjs ${human.tf.version_core}`;

  // tfjs on wasm runs one inference at a time: serialize requests.
  let chain: Promise<unknown> = Promise.resolve();
  const run = async (image: Buffer): Promise<DetectResult> => {
    const img = decodeImage(image);
    const tf = human.tf;
    // CenterNet resizes its input to a square: pad the frame to a square first (bottom/right, black) so a
    // 16:9 video frame is not squashed (measured: person 0.21 squashed vs 0.57 padded on the same frame).
    // Padding at the bottom/right leaves box coordinates unchanged.
    const side = Math.max(img.width, img.height);
    const input = tf.tidy(() => {
      const t = tf.tensor3d(img.data, [img.height, img.width, 3], 'int32');
      const sq =
        side === img.width && side === img.height
          ? t
          : tf.pad(t, [
              [0, side - img.height],
              [0, side - img.width],
              [0, 0],
            ]);
      return tf.expandDims(sq, 0);
    });
    try {
      const res = await human.detect(input);
      if (res.error) throw new Error(`detector failed: ${res.error}`);
      const detections = res.object
        .filter((o) => o.score >= opts.minScore)
        .map((o) => ({
          label: String(o.label),
          score: Math.round(o.score * 1000) / 1000,
          box: clip(o.box, img.width, img.height),
        }))
        .sort((a, b) => b.score - a.score);
      return { model: MODEL_NAME, version, width: img.width, height: img.height, detections };
    } finally {
      tf.dispose(input);
    }
  };
  return {
    model: MODEL_NAME,
    version,
    backend,
    detect(image: Buffer) {
      const next = chain.then(() => run(image));
      chain = next.catch(() => undefined);
      return next;
    },
  };
}
