import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { s3Client } from '../s3-client.js';
import type { TestS3 } from './s3rver.js';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

const serverConf = (dir: string, kind: string, port: number) => `[DEFAULT]
devices = ${dir}/node
mount_check = false
bind_ip = 127.0.0.1
bind_port = ${port}
workers = 0
user = ${userInfo().username}
swift_dir = ${dir}
log_level = WARNING
[pipeline:main]
pipeline = ${kind}-server
[app:${kind}-server]
use = egg:swift#${kind}
[${kind}-replicator]
[${kind}-updater]
[${kind}-auditor]
`;

// s3api before tempauth: S3 requests are checked against tempauth's user (SigV4, expiry included);
// S3 multipart uploads are stored as static large objects (slo).
const proxyConf = (dir: string, port: number, memcached: number) => `[DEFAULT]
bind_ip = 127.0.0.1
bind_port = ${port}
workers = 0
user = ${userInfo().username}
swift_dir = ${dir}
log_level = WARNING
[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats s3api tempauth copy slo dlo proxy-logging proxy-server
[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true
# A backend that is slow to accept or answer on a loaded CI machine is a 503, which s3api says as
# SlowDown; the defaults (0.5 s to connect, 10 s to answer) are for racks, not a busy 2-core box.
conn_timeout = 5
node_timeout = 60
recoverable_node_timeout = 60
[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:${memcached}
[filter:s3api]
use = egg:swift#s3api
location = us-east-1
[filter:tempauth]
use = egg:swift#tempauth
user_test_tester = testing .admin
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:copy]
use = egg:swift#copy
[filter:slo]
use = egg:swift#slo
[filter:dlo]
use = egg:swift#dlo
`;

/** Whether OpenStack Swift (Debian `swift-proxy`, `swift-account`, `swift-container`, `swift-object`, `memcached`) is installed. */
export const swiftInstalled = () =>
  ['/usr/bin/swift-proxy-server', '/usr/bin/swift-object-server', '/usr/bin/memcached', '/etc/swift/swift.conf'].every(
    (path) => existsSync(path),
  );

/**
 * Starts an all-in-one OpenStack Swift (proxy with its S3 layer, account, container and object servers,
 * memcached; one replica, loopback, free ports, data in a temporary directory) with `buckets` created.
 * Unlike s3rver it checks SigV4 signatures and presigned URLs' expiry. About 3 s to start.
 */
export async function startTestSwift(buckets: readonly string[]): Promise<TestS3> {
  const dir = await mkdtemp(join(tmpdir(), 'swift-'));
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await mkdir(join(dir, 'node', 'd1'), { recursive: true });
    const [proxy, memcached, ...ports] = await Promise.all([1, 2, 3, 4, 5].map(() => freePort()));
    const kinds = ['account', 'container', 'object'] as const;
    for (const [i, kind] of kinds.entries()) {
      const ring = (...args: string[]) =>
        execFileSync('swift-ring-builder', [`${kind}.builder`, ...args], { cwd: dir });
      ring('create', '6', '1', '1');
      ring('add', `r1z1-127.0.0.1:${ports[i]}/d1`, '1');
      ring('rebalance');
      await writeFile(join(dir, `${kind}.conf`), serverConf(dir, kind, ports[i]!));
    }
    await writeFile(join(dir, 'proxy.conf'), proxyConf(dir, proxy!, memcached!));
    const run = (command: string, args: string[]) => children.push(spawn(command, args, { stdio: 'ignore' }));
    run('memcached', [
      '-l',
      '127.0.0.1',
      '-p',
      String(memcached),
      '-U',
      '0',
      ...(process.getuid?.() === 0 ? ['-u', 'root'] : []),
    ]);
    for (const kind of kinds) run(`swift-${kind}-server`, [join(dir, `${kind}.conf`)]);
    run('swift-proxy-server', [join(dir, 'proxy.conf')]);
    const settings = {
      S3_ENDPOINT: `http://127.0.0.1:${proxy}`,
      S3_ACCESS_KEY_ID: 'test:tester',
      S3_SECRET_ACCESS_KEY: 'testing',
    };
    // Ready when a bucket can be created: the proxy and every backend server answer.
    const client = s3Client(settings);
    const deadline = Date.now() + START_BUDGET_MS;
    for (const bucket of buckets)
      await retried(deadline, () => client.send(new CreateBucketCommand({ Bucket: bucket })));
    await untilObjectsCanBeWritten(client, deadline);
    return { settings, close: stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A bucket can exist before the object servers take writes: the first PUT then gets SlowDown
 * ("Please reduce your request rate", CI 2026-12-05). An object written and deleted in a bucket of
 * its own (so no test's listing can see it) says they do.
 */
async function untilObjectsCanBeWritten(client: S3Client, deadline: number): Promise<void> {
  const probe = { Bucket: 'ready-probe', Key: 'probe' };
  let created = false;
  await retried(deadline, async () => {
    if (!created) await client.send(new CreateBucketCommand({ Bucket: probe.Bucket }));
    created = true;
    await client.send(new PutObjectCommand({ ...probe, Body: 'ok' }));
    await client.send(new DeleteObjectCommand(probe));
  });
}

/** How long the servers may take to come up on a loaded machine (CI runs two test files at once). */
const START_BUDGET_MS = 90_000;

/** `step` until it succeeds, 200 ms apart; its last error once `deadline` has passed. */
async function retried(deadline: number, step: () => Promise<unknown>): Promise<void> {
  for (;;) {
    try {
      await step();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
