import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RecordSacrificePerformedDocument, SacrificeCertificateDocument } from '@qurbani/sdk';
import { registerDonor, SEASON_1447, type Actor } from './support/season.js';
import { startSystem, type System } from './support/system.js';
import { allocatedOrder, trackingWorld, type TrackingWorld } from './support/tracking.js';

// pdftotext wraps right-to-left runs in bidi controls; the words between them are what a reader sees.
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function pdfFile(pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'certificate-e2e-')), 'certificate.pdf');
  writeFileSync(file, pdf);
  return file;
}
const pdfText = (file: string) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(BIDI, '');
/** The page as a picture (Debian's poppler), then the QR codes on it read back (Debian's zbar). */
function qrCodes(file: string): string[] {
  execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', file, file.replace(/\.pdf$/, '')]);
  // zbarimg complains on stderr that there is no D-Bus here; only its stdout matters.
  return execFileSync('zbarimg', ['--quiet', '--raw', file.replace(/\.pdf$/, '.png')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  })
    .split('\n')
    .filter(Boolean);
}

describe('sacrifice certificates: the donor own PDF, in their language, with a QR code to the proof', () => {
  let system: System;
  let world: TrackingWorld;
  let amina: Actor;
  let karim: Actor;
  let sacrificeId: string;
  let animalTag: string;
  let origin: string;
  const certificate = async (actor: Actor, language?: string) =>
    (await actor.client.request(SacrificeCertificateDocument, { id: sacrificeId, language })).sacrifice;
  const download = async (url: string) => {
    const answer = await fetch(new URL(url, origin));
    assert.equal(answer.status, 200, url);
    assert.equal(answer.headers.get('content-type'), 'application/pdf');
    return pdfFile(Buffer.from(await answer.arrayBuffer()));
  };

  before(async () => {
    system = await startSystem();
    origin = new URL(system.gateway.url).origin;
    world = await trackingWorld(system);
    amina = await registerDonor(system, 'Amina');
    karim = await registerDonor(system, 'Karim');
    ({ sacrificeId } = await allocatedOrder(system, world, amina));
    const [row] = await system.subgraphs
      .sacrifice!.orm.em.getConnection()
      .execute<{ tag: string }[]>('select a.tag from sacrifice s join animal a on a.id = s.animal_id where s.id = ?', [
        sacrificeId,
      ]);
    animalTag = row!.tag;
  });
  after(() => system?.close());

  it('has none before the sacrifice is performed', async () => {
    const s = await certificate(amina);
    assert.equal(s.status, 'ASSIGNED');
    assert.equal(s.certificate, null);
  });

  it('gives the donor an English certificate: names, species, tag, site and the local time there', async () => {
    // 05:00Z on 27 May 2026 is 10:00 in Karachi (UTC+5).
    system.now.value = new Date(SEASON_1447.insideWindow);
    await world.executor.client.request(RecordSacrificePerformedDocument, { sacrificeId }).finally(() => {
      system.now.value = null;
    });
    const s = await certificate(amina, 'en');
    assert.ok(s.certificate, 'a performed sacrifice has a certificate');
    assert.ok(Date.parse(s.certificate.expiresAt) > Date.now());
    const file = await download(s.certificate.url);
    const text = pdfText(file);
    for (const expected of ['Sacrifice certificate', 'Amina Rahman', 'Sheep', animalTag, 'Karachi East', 'Sindh'])
      assert.ok(text.includes(expected), `${expected} on the certificate:\n${text}`);
    assert.match(text, /27 May 2026.*10:00/, 'the local time at the site');
    assert.ok(text.includes('Asia/Karachi'));
    const proof = `http://localhost:4000/proof/${sacrificeId}`;
    assert.ok(text.includes(proof), 'the proof link written out');
    assert.deepEqual(qrCodes(file), [proof], 'the QR code opens the proof page');
  });

  it('writes it in Arabic when asked, right to left, with the same QR code', async () => {
    const s = await certificate(amina, 'ar');
    const file = await download(s.certificate!.url);
    const text = pdfText(file);
    for (const expected of ['شهادة أضحية', 'خروف', 'Amina Rahman', animalTag, 'Karachi East'])
      assert.ok(text.includes(expected), `${expected} on the Arabic certificate:\n${text}`);
    assert.match(text, /10:00/);
    assert.match(text, /2026/);
    assert.deepEqual(qrCodes(file), [`http://localhost:4000/proof/${sacrificeId}`]);
  });

  it('gives organizers one too and refuses another donor and the executor', async () => {
    const asOrganizer = await certificate(world.organizer, 'en');
    assert.ok(pdfText(await download(asOrganizer.certificate!.url)).includes('Amina Rahman'));
    const asKarim = await karim.client.execute(SacrificeCertificateDocument, { id: sacrificeId, language: 'en' });
    assert.equal(asKarim.data?.sacrifice?.certificate ?? null, null);
    assert.ok(
      ['NOT_FOUND', 'FORBIDDEN'].includes(String(asKarim.errors?.[0]?.extensions?.code)),
      JSON.stringify(asKarim.errors),
    );
    const asExecutor = await world.executor.client.execute(SacrificeCertificateDocument, { id: sacrificeId });
    assert.equal(asExecutor.errors?.[0]?.extensions?.code, 'FORBIDDEN', 'the executor sees the sacrifice, not this');
    assert.equal(asExecutor.data?.sacrifice?.certificate ?? null, null);
  });

  it('refuses a link signed for one donor but pointed at all names, or forged', async () => {
    const { certificate: link } = await certificate(amina, 'en');
    const parts = link!.url.split('/');
    const everyone = [...parts];
    everyone[4] = 'all';
    const forged = [...parts];
    forged[7] = `${forged[7]!.slice(0, -2)}AA`;
    for (const tampered of [everyone, forged]) {
      const answer = await fetch(new URL(tampered.join('/'), origin));
      assert.equal(answer.status, 403, tampered.join('/'));
    }
  });
});
