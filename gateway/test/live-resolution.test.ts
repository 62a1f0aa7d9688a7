import { Role } from '@qurbani/kit';
import { getOperationAST, Kind, parse, type FieldNode } from 'graphql';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planResolution } from '../src/live/follow-up.js';
import type { LiveBus } from '../src/live/live-bus.js';
import { LIVE_FIELDS } from '../src/live/live-fields.js';
import { LiveHub, type LiveSubscriber } from '../src/live/live-hub.js';
import { LiveQueue } from '../src/live/live-queue.js';
import type { LiveViewer } from '../src/live/live-viewer.js';
import { RevocationCache } from '../src/live/revocations.js';

const plan = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  const operation = getOperationAST(document)!;
  const root = operation.selectionSet.selections[0] as FieldNode;
  return planResolution(document, operation, root, LIVE_FIELDS[root.name.value]!, variables);
};

describe('follow-up queries of subscriptions', () => {
  it("re-asks the subscriber's own selection as a query of the owning root field, under the same response key", () => {
    const p = plan(
      `subscription Track($o: ID!, $first: Int, $unused: String) { mine: orderUpdated(orderId: $o) { id sacrifices(first: $first) { edges { node { ...S } } } } }
       fragment S on Sacrifice { id animal { tag } }
       fragment Unused on Order { id }`,
      { o: 'x', first: 3, unused: 'y' },
    );
    assert.equal(p.responseKey, 'mine');
    assert.equal(p.fromSignal, null);
    assert.deepEqual(p.variables, { first: 3 });
    const query = parse(p.query);
    const op = getOperationAST(query)!;
    assert.equal(op.operation, 'query');
    assert.deepEqual(
      op.variableDefinitions!.map((v) => v.variable.name.value),
      ['liveEventId_', 'first'],
    );
    const field = op.selectionSet.selections[0] as FieldNode;
    assert.equal(field.name.value, 'order');
    assert.equal(field.alias!.value, 'mine');
    assert.deepEqual(
      query.definitions
        .filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => (d as { name: { value: string } }).name.value),
      ['S'],
    );
  });

  it('answers a position-only selection from the signal, and anything more through the graph', () => {
    const only = plan(
      `subscription($d: ID!) { driverPosition(deliveryId: $d) { __typename at: fixTime lat ... on DriverPosition { lng eta } } }`,
    );
    assert.ok(only.fromSignal);
    assert.deepEqual(
      only.fromSignal!({ __typename: 'DriverPosition', fixTime: 't', lat: 1, lng: 2, eta: null, routeId: 'r' }),
      { __typename: 'DriverPosition', at: 't', lat: 1, lng: 2, eta: null },
    );
    assert.equal(
      plan(`subscription($d: ID!) { driverPosition(deliveryId: $d) { lat delivery { id } } }`).fromSignal,
      null,
    );
    assert.equal(
      plan(`subscription($d: ID!, $x: Boolean!) { driverPosition(deliveryId: $d) { lat @include(if: $x) } }`)
        .fromSignal,
      null,
    );
  });
});

describe('the live hub', () => {
  const viewer = (id: string, roles: Role[], scope = `account:${id}`, expiresAt = Date.now() + 60_000): LiveViewer => ({
    viewer: { id, roles, sessionId: `s-${id}` },
    expiresAt,
    scope,
  });

  function setup(revoked: Set<string> = new Set()) {
    const listeners: ((signal: any, id: string) => void)[] = [];
    const bus = {
      listen: (_k: string, _i: string, l: (s: any, id: string) => void) => {
        listeners.push(l);
        return () => undefined;
      },
    } as unknown as LiveBus;
    const queries: string[] = [];
    const hub = new LiveHub(
      bus,
      new RevocationCache({ isRevoked: async (sid: string) => revoked.has(sid) } as any),
      async (_q, vars, v) => {
        queries.push(`${v.id}:${vars.liveEventId_}`);
        return { data: { orderUpdated: { id: vars.liveEventId_, seenBy: v.id } } };
      },
    );
    const emit = (signal: Record<string, unknown>, id: string) =>
      listeners.forEach((l) => l({ at: 'now', ...signal }, id));
    return { hub, queries, emit };
  }
  const subscriber = (
    live: LiveViewer,
    query = `subscription($o: ID!) { orderUpdated(orderId: $o) { id } }`,
  ): LiveSubscriber & { got: unknown[] } => {
    const got: unknown[] = [];
    const queue = new LiveQueue(() => undefined);
    const origPush = queue.push.bind(queue);
    const origEnd = queue.end.bind(queue);
    queue.push = (r) => {
      got.push(r);
      origPush(r);
    };
    queue.end = (r) => {
      if (r) got.push(r);
      origEnd(r);
    };
    return { live, field: LIVE_FIELDS.orderUpdated!, plan: plan(query, { o: 'o1' }), queue, got };
  };

  it('resolves an event once per permission scope, not once per subscriber', async () => {
    const { hub, queries, emit } = setup();
    const donorTabs = [1, 2, 3].map(() => subscriber(viewer('donor', [Role.DONOR])));
    const organizers = [
      subscriber(viewer('org1', [Role.ORGANIZER], 'organizer')),
      subscriber(viewer('org2', [Role.ORGANIZER], 'organizer')),
    ];
    for (const s of [...donorTabs, ...organizers]) hub.add('order', 'o1', s);
    emit({ status: 'PAID' }, 'o1');
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(queries.sort(), ['donor:o1', 'org1:o1']);
    for (const s of [...donorTabs, ...organizers]) assert.equal(s.got.length, 1);
    assert.deepEqual(donorTabs[0]!.got[0], { data: { orderUpdated: { id: 'o1', seenBy: 'donor' } } });
  });

  it('ends the subscriptions of expired or revoked tokens instead of sending them the event', async () => {
    const { hub, queries, emit } = setup(new Set(['s-gone']));
    const expired = subscriber(viewer('late', [Role.DONOR], 'account:late', Date.now() - 1));
    const revoked = subscriber(viewer('gone', [Role.DONOR]));
    const fine = subscriber(viewer('fine', [Role.DONOR]));
    for (const s of [expired, revoked, fine]) hub.add('order', 'o1', s);
    emit({}, 'o1');
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(queries, ['fine:o1']);
    assert.equal((expired.got[0] as any).errors[0].extensions.code, 'UNAUTHENTICATED');
    assert.equal((revoked.got[0] as any).errors[0].extensions.code, 'UNAUTHENTICATED');
    assert.ok(expired.queue.ended && revoked.queue.ended && !fine.queue.ended);
  });

  it('lets a burst of signals for one thing collapse into its latest state while a resolution runs', async () => {
    const { hub, queries, emit } = setup();
    hub.add('order', 'o1', subscriber(viewer('donor', [Role.DONOR])));
    for (let i = 0; i < 10; i++) emit({ n: i }, 'o1');
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(queries.length, 2, 'the first, then the last of the burst');
  });
});

describe("a subscription's event queue", () => {
  it('ends at once when the client completes, even while waiting for the next event', async () => {
    let ends = 0;
    const queue = new LiveQueue(() => ends++);
    const waiting = queue.next();
    await queue.return();
    assert.deepEqual(await waiting, { value: undefined, done: true });
    assert.equal(ends, 1);
    queue.end();
    assert.equal(ends, 1);
  });
});
