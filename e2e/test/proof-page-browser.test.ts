import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@qurbani/kit/testing';
import { ProofPageDocument, RegisterDocument, StartProofVideoDocument } from '@qurbani/sdk';
import { CheckResult, VideoService } from '@qurbani/video';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { performSacrifice, registerDonor, type Actor } from './support/season.js';
import { CHROMIUM, CHROMIUM_ARGS } from './support/browser.js';
import { startSystem, type System } from './support/system.js';
import { allocatedOrder, trackingWorld, type TrackingWorld } from './support/tracking.js';

const AMINA = { login: `amina-proof-${process.pid}@e2e.test`, password: 'a long donor password' };

describe("the proof page a certificate's QR code opens, in a real browser", () => {
  let system: System;
  let world: TrackingWorld;
  let amina: Actor;
  let sacrificeId: string;
  let userDataDir: string;
  let context: BrowserContext;
  let page: Page;
  let proofUrl: string;
  const pageErrors: string[] = [];

  before(async () => {
    system = await startSystem();
    world = await trackingWorld(system);
    const { register } = await system.client().request(RegisterDocument, {
      input: { ...AMINA, displayName: 'Amina' },
    });
    amina = {
      id: register.account.id,
      token: register.accessToken,
      refreshToken: register.refreshToken,
      client: system.client(register.accessToken),
    };
    ({ sacrificeId } = await allocatedOrder(system, world, amina));
    await performSacrifice(system, world.executor, sacrificeId);
    system.now.value = null;
    proofUrl = `${new URL(system.gateway.url).origin}/proof/${sacrificeId}`;
    userDataDir = mkdtempSync(join(tmpdir(), 'qurbani-proof-browser-'));
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  after(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    await system?.close();
  });

  const signIn = async (login: string, password: string) => {
    await page.getByTestId('login').fill(login);
    await page.getByTestId('password').fill(password);
    await page.getByTestId('sign-in').click();
  };

  it('asks the donor to sign in, then shows the names, animal, place and local time of the sacrifice', async () => {
    await page.goto(proofUrl);
    await page.getByTestId('login').waitFor();
    await signIn(AMINA.login, AMINA.password);
    await page.getByTestId('names').waitFor();
    assert.equal(await page.getByTestId('names').textContent(), 'Amina Rahman');
    assert.match((await page.getByTestId('species').textContent())!, /^SHEEP \(/);
    assert.equal(await page.getByTestId('site').textContent(), 'Karachi East, Sindh');
    // Performed at 05:00Z inside the 1447 window: 10:00 in Karachi.
    assert.match((await page.getByTestId('performed-at').textContent())!, /27 May 2026.*10:00/);
    await page.getByTestId('video-waiting').waitFor();
    assert.deepEqual(pageErrors, []);
  });

  it('plays the blurred proof once it is ready', async () => {
    const { requestVideoUpload } = (await eventually(() =>
      world.executor.client.execute(StartProofVideoDocument, { sacrificeId }).then((r) => r.data ?? undefined),
    ))!;
    const videos = new VideoService();
    const em = () => system.subgraphs.video!.orm.em.fork();
    await videos.recordUpload(em(), requestVideoUpload.id, { storageKey: `videos/${requestVideoUpload.id}.mp4` });
    await videos.recordVerdict(em(), requestVideoUpload.id, {
      outcome: 'VALIDATED',
      sceneCheck: CheckResult.PASS,
      nameCheck: CheckResult.PASS,
      evidence: {},
    });
    await system.subgraphs
      .video!.orm.em.getConnection()
      .execute('update video set renditions_ready_at = now() where id = ?', [requestVideoUpload.id]);
    const { sacrifice } = await amina.client.request(ProofPageDocument, { id: sacrificeId });
    assert.ok(sacrifice?.video?.playback?.fileUrl, 'the donor is given the blurred file');

    await page.reload();
    const video = page.getByTestId('video');
    await video.waitFor();
    const src = (await video.getAttribute('src'))!;
    assert.match(src, new RegExp(`${requestVideoUpload.id}.*video\\.mp4`));
    assert.doesNotMatch(src, /original/, 'never the unblurred original');
    assert.deepEqual(pageErrors, []);
  });

  it('shows a stranger holding the link nothing of it', async () => {
    const stranger = await registerDonor(system, 'Karim');
    await context.clearCookies();
    await page.evaluate(() => sessionStorage.clear());
    await page.goto(proofUrl);
    await page.evaluate((token) => sessionStorage.setItem('qurbani.proof.token', token), stranger.token);
    await page.reload();
    await page.getByTestId('error').waitFor();
    assert.match((await page.getByTestId('error').textContent())!, /not one of yours/);
    assert.equal(await page.getByTestId('names').count(), 0);
    assert.equal((await fetch(`${new URL(system.gateway.url).origin}/proof/not-an-id`)).status, 404);
  });
});
