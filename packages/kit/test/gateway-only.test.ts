import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { ErrorCode, gatewayOnly, gatewayOrigin, Role, signViewerToken, VIEWER_HEADER } from '../src/index.js';

const secret = 'test-internal-secret-0123456789abcdef0123456789';

describe('routes only the gateway may call (gatewayOnly)', () => {
  let server: Server;
  let url: string;
  let reached = 0;
  before(async () => {
    const app = express();
    for (const [path, remember] of [
      ['/plain', false],
      ['/remembering', true],
    ] as const) {
      app.post(path, gatewayOnly(secret, { rememberTokens: remember }), (req, res) => {
        reached++;
        res.json(gatewayOrigin(req));
      });
    }
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (path: string, token?: string) =>
    fetch(`${url}${path}`, { method: 'POST', headers: token ? { [VIEWER_HEADER]: token } : {} });

  for (const path of ['/plain', '/remembering']) {
    it(`${path}: refuses a caller without a token, or with a forged one, before the handler runs`, async () => {
      const before = reached;
      for (const token of [undefined, 'forged', signViewerToken(null, 'another-secret-0123456789abcdef0123456789')]) {
        const res = await post(path, token);
        assert.equal(res.status, 401);
        assert.deepEqual(await res.json(), {
          errors: [
            { message: 'This service only answers the gateway.', extensions: { code: ErrorCode.Unauthenticated } },
          ],
        });
      }
      assert.equal(reached, before);
    });

    it(`${path}: hands the handler the viewer and client IP the gateway vouched for`, async () => {
      const viewer = { id: 'a1', roles: [Role.DRIVER], sessionId: 's1' };
      const token = signViewerToken(viewer, secret, { ip: '203.0.113.7' });
      for (let i = 0; i < 2; i++) {
        const res = await post(path, token);
        assert.equal(res.status, 200);
        assert.deepEqual(await res.json(), { viewer, ip: '203.0.113.7' });
      }
      assert.deepEqual(await (await post(path, signViewerToken(null, secret))).json(), { viewer: null, ip: null });
    });
  }
});
