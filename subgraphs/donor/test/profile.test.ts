import { Role } from '@qurbani/kit';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, viewerOf, type Harness } from './harness.js';

const PROFILE = `mutation($input: UpdateDonorProfileInput!) { updateDonorProfile(input: $input) { id language contactChannels phone blurVideosByDefault } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Donor { id phone } ... on Account { id donorProfile { id phone } } } }`;

describe('donor profile', () => {
  let h: Harness;
  const amina = viewerOf(Role.DONOR);
  const karim = viewerOf(Role.DONOR);
  const organizer = viewerOf(Role.ORGANIZER);
  const executor = viewerOf(Role.EXECUTOR);
  const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  it('has no profile before first use, then defaults to blurred videos and in-app messages', async () => {
    assert.equal((await h.call(amina, `{ myDonorProfile { id } }`)).data.myDonorProfile, null);
    const res = await h.call(amina, PROFILE, { input: { language: 'AR' } });
    assert.deepEqual(res.data.updateDonorProfile, {
      id: amina.id,
      language: 'AR',
      contactChannels: ['IN_APP'],
      phone: null,
      blurVideosByDefault: true,
    });
    assert.equal(
      codeOf(await h.call(executor, PROFILE, { input: { language: 'AR' } })),
      'FORBIDDEN',
      'only donors have a donor profile',
    );
  });

  it("keeps the donor's phone encrypted and shows it only to the donor and organizers", async () => {
    const noPhone = await h.call(karim, PROFILE, { input: { contactChannels: ['SMS'] } });
    assert.equal(codeOf(noPhone), 'BAD_USER_INPUT', 'SMS needs a phone');
    assert.equal(codeOf(await h.call(karim, PROFILE, { input: { phone: '12345' } })), 'BAD_USER_INPUT');
    const res = await h.call(karim, PROFILE, {
      input: {
        phone: '+212 600-000-123',
        contactChannels: ['SMS', 'IN_APP'],
        language: 'FR',
        blurVideosByDefault: false,
      },
    });
    assert.deepEqual(res.data.updateDonorProfile, {
      id: karim.id,
      language: 'FR',
      contactChannels: ['SMS', 'IN_APP'],
      phone: '+212600000123',
      blurVideosByDefault: false,
    });
    const [row] = await h.rows(`select * from donor where id = ?`, [karim.id]);
    assert.ok(!JSON.stringify(row).includes('600000123'), 'stored encrypted');
    const mine = await h.call(karim, `{ myDonorProfile { phone language } }`);
    assert.deepEqual(mine.data.myDonorProfile, { phone: '+212600000123', language: 'FR' });
    const reps = {
      r: [
        { __typename: 'Account', id: karim.id },
        { __typename: 'Donor', id: karim.id },
      ],
    };
    assert.deepEqual((await h.call(organizer, ENTITIES, reps)).data._entities, [
      { id: karim.id, donorProfile: { id: karim.id, phone: '+212600000123' } },
      { id: karim.id, phone: '+212600000123' },
    ]);
    assert.deepEqual((await h.call(amina, ENTITIES, reps)).data._entities, [
      { id: karim.id, donorProfile: null },
      null,
    ]);
    assert.deepEqual((await h.call(executor, ENTITIES, reps)).data._entities, [
      { id: karim.id, donorProfile: null },
      null,
    ]);
  });
});
