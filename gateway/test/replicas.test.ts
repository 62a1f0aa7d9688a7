import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { Replicas } from '@qurbani/kit';
import { onSomeReplica, parseSubgraphUrls, watchReplicas } from '../src/replicas.js';

describe('subgraph replicas', () => {
  it('reads SUBGRAPH_URLS with one URL or several per subgraph', () => {
    assert.deepEqual(parseSubgraphUrls('identity=http://a:4101/graphql,video=http://v1/graphql|http://v2/graphql'), {
      identity: ['http://a:4101/graphql'],
      video: ['http://v1/graphql', 'http://v2/graphql'],
    });
    assert.deepEqual(parseSubgraphUrls('donor=http://d/graphql?x=1'), { donor: ['http://d/graphql?x=1'] });
    assert.throws(() => parseSubgraphUrls('video='), /name=url/);
    assert.throws(() => parseSubgraphUrls('http://v1/graphql'), /name=url/);
  });

  it('takes replicas in turn and sets aside one that refused, unless all did', () => {
    const replicas = new Replicas(['a', 'b', 'c'], 60_000);
    assert.deepEqual([replicas.next(), replicas.next(), replicas.next(), replicas.next()], ['a', 'b', 'c', 'a']);
    replicas.refused('c');
    assert.deepEqual([replicas.next(), replicas.next(), replicas.next()], ['b', 'a', 'a']);
    assert.deepEqual(replicas.order(), ['b', 'a', 'c']);
    replicas.refused('a');
    replicas.refused('b');
    assert.equal(replicas.order().length, 3, 'all set aside: still tried');
    replicas.answered('c');
    assert.equal(replicas.next(), 'c');
  });

  it('passes a request on only when the connection was refused', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const live = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const dead = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise((resolve) => closed.close(resolve));
    try {
      const replicas = new Replicas([dead, live]);
      const tried: string[] = [];
      const answer = await onSomeReplica(replicas, async (url) => {
        tried.push(url);
        return (await fetch(url)).text();
      });
      assert.equal(answer, 'ok');
      assert.deepEqual(tried, [dead, live]);
      // Set aside now: the next request starts with the live one.
      assert.equal(replicas.next(), live);

      const failing = new Replicas([live, dead]);
      let calls = 0;
      await assert.rejects(
        onSomeReplica(failing, async () => {
          calls++;
          throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
        }),
        /reset/,
      );
      assert.equal(calls, 1, 'a request that may have been sent is not sent again');
      // A read is: it changes nothing where it may have arrived.
      const tried2: string[] = [];
      const read = await onSomeReplica(
        new Replicas([dead, live]),
        async (url) => {
          tried2.push(url);
          if (tried2.length === 1) throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
          return (await fetch(url)).text();
        },
        true,
      );
      assert.equal(read, 'ok');
      assert.equal(tried2.length, 2);
    } finally {
      server.close();
    }
  });

  it('sets aside a replica that stopped listening before a request meets it', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const live = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const dead = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/graphql`;
    await new Promise((resolve) => closed.close(resolve));
    const replicas = new Replicas([dead, live], 60_000);
    const stop = watchReplicas({ video: replicas }, 50);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual([replicas.next(), replicas.next(), replicas.next()], [live, live, live]);
    } finally {
      stop();
      server.close();
    }
  });
});
