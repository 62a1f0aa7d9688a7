import { newId, Role } from '@qurbani/kit';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { person, startHarness, type Harness } from './support.js';

describe('loading hides in batches', () => {
  const organizer = person(Role.ORGANIZER);
  const sacrifices = Array.from({ length: 50 }, () => newId());
  const hideIds: string[] = [];
  let h: Harness;

  before(async () => {
    h = await startHarness();
    await Promise.all(sacrifices.map((s) => h.allocate(s, [newId()])));
    for (const s of sacrifices) {
      const res = await h.call(
        organizer,
        `mutation($s: ID!, $at: DateTimeISO!) { recordHide(sacrificeId: $s, collectedAt: $at, weightKg: 3) { id } }`,
        {
          s,
          at: new Date().toISOString(),
        },
      );
      hideIds.push(res.data.recordHide.id);
    }
  });
  after(() => h.close());

  it('resolves 50 hide references with one SQL query', async () => {
    h.queries.length = 0;
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Hide { id status isAtRisk lot { id } } } }`;
    const res = await h.call(organizer, q, { r: hideIds.map((id) => ({ __typename: 'Hide', id })) });
    assert.equal(res.errors, undefined);
    assert.deepEqual(
      res.data._entities.map((x: any) => x.id),
      hideIds,
    );
    assert.equal(h.queries.length, 1, h.queries.join('\n'));
  });

  it('resolves Sacrifice.hide of 50 sacrifices with one SQL query', async () => {
    h.queries.length = 0;
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Sacrifice { hide { id species } } } }`;
    const res = await h.call(organizer, q, { r: sacrifices.map((id) => ({ __typename: 'Sacrifice', id })) });
    assert.equal(res.errors, undefined);
    assert.deepEqual(
      res.data._entities.map((s: any) => s.hide.id),
      hideIds,
    );
    assert.equal(h.queries.length, 1, h.queries.join('\n'));
  });
});
