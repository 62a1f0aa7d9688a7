/**
 * The detector on a real photo: scikit-image's astronaut (python3-skimage), a
 * person. No sheep, cow or knife photo exists offline (no package ships one), so
 * those classes are not checked here.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import jpeg from 'jpeg-js';
import { createDetector, decodeImage, type Detector } from '../src/detector.js';
import { createServer } from '../src/server.js';

const ASTRONAUT = '/usr/lib/python3/dist-packages/skimage/data/astronaut.png';
const skip = existsSync(ASTRONAUT) ? false : `${ASTRONAUT} missing (apt-get install python3-skimage)`;

describe('CenterNet detector (real photo)', { skip }, () => {
  let detector: Detector;
  let server: ReturnType<typeof createServer>;
  let base: string;

  before(async () => {
    detector = await createDetector({ minScore: 0.2, maxDetected: 20 });
    server = createServer(detector, { maxBodyBytes: 4 * 1024 * 1024 });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('finds the person in the astronaut photo (PNG body)', async () => {
    const res = await fetch(`${base}/v1/detect`, {
      method: 'POST',
      body: readFileSync(ASTRONAUT),
      headers: { 'content-type': 'image/png' },
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as any;
    assert.match(body.model, /CenterNet/);
    assert.match(body.version, /human 3\.3\.6; centernet sha256:/);
    const person = body.detections.find((d: any) => d.label === 'person');
    assert.ok(person, `no person in ${JSON.stringify(body.detections)}`);
    assert.ok(person.score >= 0.45, `person score ${person.score}`);
    const [x, y, w, h] = person.box;
    // the astronaut fills the left two thirds of the 512x512 picture
    assert.ok(x >= 0 && y >= 0 && w > 200 && h > 300 && x + w <= 520 && y + h <= 520, `box ${person.box}`);
    console.log(`astronaut: person ${person.score} box ${person.box} in ${body.ms} ms`);
  });

  it('gives the same answer for a JPEG of the photo, and times frames', async () => {
    const img = decodeImage(readFileSync(ASTRONAUT));
    const rgba = Buffer.alloc(img.width * img.height * 4);
    for (let i = 0; i < img.width * img.height; i++) {
      rgba[i * 4] = img.data[i * 3];
      rgba[i * 4 + 1] = img.data[i * 3 + 1];
      rgba[i * 4 + 2] = img.data[i * 3 + 2];
      rgba[i * 4 + 3] = 255;
    }
    const jpg = jpeg.encode({ data: rgba, width: img.width, height: img.height }, 90).data;
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const r = await detector.detect(Buffer.from(jpg));
      times.push(performance.now() - t0);
      const person = r.detections.find((d) => d.label === 'person');
      assert.ok(person && person.score >= 0.45, JSON.stringify(r.detections));
      assert.equal(r.width, 512);
    }
    console.log(`ms per 512x512 frame: ${times.map((t) => t.toFixed(0)).join(', ')}`);
  });

  it('pads a 16:9 frame to a square (boxes in the frame, person still found)', async () => {
    const img = decodeImage(readFileSync(ASTRONAUT));
    const top = 40,
      rows = 288; // 512x288: a 16:9 crop with the astronaut's head and torso
    const rgba = Buffer.alloc(img.width * rows * 4);
    for (let i = 0; i < img.width * rows; i++) {
      const j = (top * img.width + i) * 3;
      rgba[i * 4] = img.data[j];
      rgba[i * 4 + 1] = img.data[j + 1];
      rgba[i * 4 + 2] = img.data[j + 2];
      rgba[i * 4 + 3] = 255;
    }
    const r = await detector.detect(Buffer.from(jpeg.encode({ data: rgba, width: img.width, height: rows }, 90).data));
    assert.equal(r.height, rows);
    const person = r.detections.find((d) => d.label === 'person');
    assert.ok(person && person.score >= 0.4, JSON.stringify(r.detections));
    for (const d of r.detections)
      assert.ok(d.box[1] + d.box[3] <= rows + 0.05 && d.box[0] + d.box[2] <= 512.05, `${d.box}`);
    console.log(`16:9 crop: person ${person.score} box ${person.box}`);
  });

  it('health, bad images, wrong routes', async () => {
    const h = await fetch(`${base}/health`);
    assert.equal(h.status, 200);
    assert.equal(((await h.json()) as any).backend, 'wasm');
    const bad = await fetch(`${base}/v1/detect`, { method: 'POST', body: 'not an image' });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as any).error, 'invalid_image');
    const empty = await fetch(`${base}/v1/detect`, { method: 'POST' });
    assert.equal(empty.status, 400);
    const big = await fetch(`${base}/v1/detect`, { method: 'POST', body: Buffer.alloc(5 * 1024 * 1024) });
    assert.equal(big.status, 413);
    assert.equal((await fetch(`${base}/v1/detect`)).status, 405);
    assert.equal((await fetch(`${base}/nope`)).status, 404);
  });
});
