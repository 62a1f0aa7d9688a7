import { newId, Role } from '@qurbani/kit';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { person, startHarness, type Harness } from './support.js';

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Video { id status reviewDecisions { id } }
  ... on Sacrifice { id video { id attempt } videos(first: 5) { totalCount } } } }`;

describe('loading videos in batches', () => {
  const butcher = person(Role.EXECUTOR);
  const organizer = person(Role.ORGANIZER);
  const sacrifices = Array.from({ length: 50 }, () => newId());
  const videoIds: string[] = [];
  let h: Harness;

  before(async () => {
    h = await startHarness();
    await Promise.all(sacrifices.map((s) => h.allocate(s, [newId()], butcher.id)));
    for (const s of sacrifices) {
      const res = await h.call(butcher, `mutation($s: ID!) { requestVideoUpload(sacrificeId: $s) { id } }`, { s });
      videoIds.push(res.data.requestVideoUpload.id);
    }
  });
  after(() => h.close());

  it('resolves 50 video references with one SQL query (and one more for their decisions)', async () => {
    h.queries.length = 0;
    const res = await h.call(organizer, ENTITIES, { r: videoIds.map((id) => ({ __typename: 'Video', id })) });
    assert.equal(res.errors, undefined);
    assert.deepEqual(
      res.data._entities.map((v: any) => v.id),
      videoIds,
    );
    assert.equal(h.queries.filter((q) => / from "video"/.test(q)).length, 1, h.queries.join('\n'));
    assert.equal(h.queries.length, 2, h.queries.join('\n'));
  });

  it('resolves Sacrifice.video and Sacrifice.videos of 50 sacrifices with one SQL query', async () => {
    h.queries.length = 0;
    const res = await h.call(organizer, ENTITIES, { r: sacrifices.map((id) => ({ __typename: 'Sacrifice', id })) });
    assert.equal(res.errors, undefined);
    assert.deepEqual(
      res.data._entities.map((s: any) => s.video.id),
      videoIds,
    );
    assert.ok(res.data._entities.every((s: any) => s.videos.totalCount === 1));
    assert.equal(h.queries.length, 1, h.queries.join('\n'));
  });
});
