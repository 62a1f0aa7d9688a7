import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  importCsv,
  QurbaniApiError,
  RecipientsDocument,
  SiteAnimalsDocument,
  SitesDocument,
  type ImportReport,
  type SiteAnimalsQuery,
} from '@qurbani/sdk';
import { createSeasonAndSite, createStaff, signInOrganizer, type Actor } from './support/season.js';
import { startSystem, type System } from './support/system.js';

const ANIMALS = 10_000;
const BAD_LINES = new Map([
  // line (the header is line 1) -> the bad row and the column it is refused for
  [1_501, { row: 'T-BAD-1,HORSE,40', column: 'species' }],
  [4_002, { row: ',SHEEP,40', column: 'tag' }],
  [9_000, { row: 'T-00000010,GOAT,35', column: 'tag' }], // the tag of line 11 again
]);

/** 10,000 animal rows (species cycling), with the three bad rows above in place of good ones. */
function animalsCsv(): string {
  const species = ['SHEEP', 'GOAT', 'COW', 'CAMEL'];
  const lines = ['tag,species,weight_kg'];
  for (let line = 2; lines.length <= ANIMALS; line++) {
    const bad = BAD_LINES.get(line);
    lines.push(bad ? bad.row : `T-${String(line - 1).padStart(8, '0')},${species[line % 4]},${30 + (line % 50)}`);
  }
  return `${lines.join('\n')}\n`;
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => assert.fail('expected a refusal'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof QurbaniApiError);
  return { status: error.status, code: error.code, message: error.message };
}

describe('master data import: 10,000 animals from CSV, with a dry run and per-row errors', () => {
  let system: System;
  let organizer: Actor;
  let seasonId: string;
  let siteId: string;
  const csv = animalsCsv();
  const url = () => system.gateway.url;
  const animalsAt = async () => {
    let count = 0;
    let after: string | null = null;
    do {
      const page: SiteAnimalsQuery['animals'] = (
        await organizer.client.request(SiteAnimalsDocument, { siteId, first: 100, after })
      ).animals;
      count += page.edges.length;
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return count;
  };
  const animalsInDb = async () =>
    Number(
      (
        await system.subgraphs
          .sacrifice!.orm.em.getConnection()
          .execute<{ n: string }[]>('select count(*) as n from animal where site_id = ?', [siteId])
      )[0]!.n,
    );
  const animals = (mode: 'dry-run' | 'all-or-nothing' | 'lenient', body: string = csv) =>
    importCsv(url(), organizer.token, 'animals', { mode, siteId }, body);
  const expectTheThreeBadRows = (report: ImportReport) => {
    assert.equal(report.read, ANIMALS);
    assert.equal(report.errorCount, 3);
    assert.deepEqual(
      report.errors.map((e) => [e.line, e.column]),
      [...BAD_LINES].map(([line, bad]) => [line, bad.column]),
    );
    assert.ok(report.errors.every((e) => e.reason.length > 5));
  };

  before(async () => {
    system = await startSystem();
    organizer = await signInOrganizer(system);
    ({ seasonId, siteId } = await createSeasonAndSite(organizer));
  });
  after(() => system?.close());

  it('a dry run lists exactly the three bad rows (line, column, reason) and writes nothing', async () => {
    const report = await animals('dry-run');
    expectTheThreeBadRows(report);
    assert.equal(report.valid, ANIMALS - 2, 'the repeated tag is a valid row the database turns down');
    assert.equal(report.imported, 0);
    assert.equal(await animalsInDb(), 0);
  });

  it('all-or-nothing imports none of them', async () => {
    const report = await animals('all-or-nothing');
    expectTheThreeBadRows(report);
    assert.equal(report.imported, 0);
    assert.equal(await animalsInDb(), 0);
  });

  it('lenient imports the other 9,997, visible through GraphQL, and a second run adds none', async () => {
    const report = await animals('lenient');
    expectTheThreeBadRows(report);
    assert.equal(report.imported, ANIMALS - 3);
    assert.equal(await animalsAt(), ANIMALS - 3);
    const again = await animals('lenient');
    assert.equal(again.imported, 0);
    assert.equal(again.errorCount, ANIMALS, 'every tag is now taken, and the two bad rows are still bad');
    assert.equal(again.errors.length, 1000, 'the report lists the first 1,000');
  });

  it('sites import into a season, with a bad time zone refused on its line', async () => {
    const report = await importCsv(
      url(),
      organizer.token,
      'sites',
      { mode: 'lenient', seasonId },
      'name,region,time_zone,window_start\nLahore North,Punjab,Asia/Karachi,07:00\nDhaka,Dhaka,Mars/Olympus,\nKano,Kano,Africa/Lagos,\n',
    );
    assert.deepEqual(
      report.errors.map((e) => [e.line, e.column]),
      [[3, 'time_zone']],
    );
    assert.equal(report.imported, 2);
    const { sites } = await organizer.client.request(SitesDocument, { seasonId, first: 10 });
    assert.deepEqual(sites.edges.map((e) => e.node.name).sort(), ['Kano', 'Karachi East', 'Lahore North']);
  });

  it('recipients import with their contact details encrypted, and a refused phone is never echoed', async () => {
    const report = await importCsv(
      url(),
      organizer.token,
      'recipients',
      { mode: 'lenient' },
      [
        'name,household_size,region,priority,phone,address,latitude,longitude,language',
        'Family Anwar,5,Korangi,1,+923001234001,1 Gulshan Road,24.86,67.03,ur',
        'Family Baig,4,Korangi,2,0300-NOT-A-PHONE,2 Gulshan Road,,,en',
        'Family Chaudhry,x,Korangi,2,+923001234003,3 Gulshan Road,,,en',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      report.errors.map((e) => [e.line, e.column]),
      [
        [3, 'phone'],
        [4, 'household_size'],
      ],
    );
    assert.doesNotMatch(JSON.stringify(report), /NOT-A-PHONE/);
    assert.equal(report.imported, 1);
    const { recipients } = await organizer.client.request(RecipientsDocument, { region: 'Korangi' });
    assert.deepEqual(
      recipients.edges.map((e) => [e.node.name, e.node.phone, e.node.language, e.node.latitude]),
      [['Family Anwar', '+923001234001', 'ur', 24.86]],
    );
    const [row] = await system.subgraphs
      .delivery!.orm.em.getConnection()
      .execute<{ phone_encrypted: string }[]>('select phone_encrypted from recipient');
    assert.doesNotMatch(row!.phone_encrypted, /923001234001/, 'stored encrypted');
  });

  it('refuses a non-organizer, an unknown column, a body that is not CSV, a malformed file and a missing site', async () => {
    const executor = await createStaff(system, organizer, 'EXECUTOR', 'Importer');
    assert.equal(
      (await refusal(importCsv(url(), executor.token, 'animals', { siteId }, 'tag,species\nA,SHEEP\n'))).code,
      'FORBIDDEN',
    );
    const unknown = await refusal(animals('lenient', 'tag,species,colour\nA,SHEEP,white\n'));
    assert.equal(unknown.code, 'BAD_USER_INPUT');
    assert.match(unknown.message, /colour/);
    const notCsv = await fetch(new URL(`/imports/animals?siteId=${siteId}`, url()), {
      method: 'POST',
      headers: { authorization: `Bearer ${organizer.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(notCsv.status, 415);
    const malformed = await refusal(animals('lenient', 'tag,species\n"A,SHEEP\nB,GOAT\n'));
    assert.equal(malformed.code, 'BAD_USER_INPUT');
    const noSite = await refusal(
      importCsv(url(), organizer.token, 'animals', { siteId: '0190a0b2-0000-7000-8000-000000000000' }, 'tag,species\n'),
    );
    assert.equal(noSite.status, 404);
    assert.equal(await animalsInDb(), ANIMALS - 3, 'nothing was written by the refused files');
  });
});
