import { workAt } from '../support/staff.js';
import { eventually } from '@qurbani/kit/testing';
import { smtpServer } from '@qurbani/notifier/testing';
import { makeSpokenClip } from '@qurbani/orchestrator/testing';
import {
  AssignByQuotaDocument,
  ResumableVideoUpload,
  SiteSacrificesDocument,
  StartProofVideoDocument,
  UpdateDonorProfileDocument,
  VideoVerdictDocument,
} from '@qurbani/sdk';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { otlpReceiver, type ReceivedSpan } from '../support/otlp-receiver.js';
import { parsePrometheusText, total } from '../support/prometheus-text.js';
import { startPipeline } from '../support/pipeline.js';
import {
  addAnimals,
  allocateAll,
  createSeasonAndSite,
  createStaff,
  performSacrifice,
  placeOrder,
  registerDonor,
  signInOrganizer,
  type Actor,
} from '../support/season.js';
import { startSystem, type System } from '../support/system.js';

const NAME = 'Aisha Rahman';

/**
 * One proof video, followed by its trace: the executor's upload through the gateway, the video
 * subgraph, the orchestrator and the model service, the verdict back in the video subgraph, the
 * donor subgraph's notification and the notifier's e-mail, all under the trace id the gateway's
 * upload request started. Every service exports with the real OTLP/HTTP exporter (Python: its own
 * small one) to a receiver in this test.
 */
describe('one trace from an upload to the verdict and the donor being told', { timeout: 240_000 }, () => {
  let receiver: Awaited<ReturnType<typeof otlpReceiver>>;
  let smtp: Awaited<ReturnType<typeof smtpServer>>;
  let pipeline: Awaited<ReturnType<typeof startPipeline>>;
  let system: System;
  let clips: string;
  let executor: Actor;
  let organizer: Actor;
  let sacrificeId: string;
  let uploadedBytes = 0;

  before(async () => {
    receiver = await otlpReceiver();
    // Read when each service first asks for its tracing, and inherited by the processes started below.
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
    process.env.OTEL_BSP_SCHEDULE_DELAY = '200';
    clips = mkdtempSync(join(tmpdir(), 'trace-clips-'));
    makeSpokenClip(join(clips, 'proof.mp4'), [NAME]);
    smtp = await smtpServer();
    pipeline = await startPipeline();
    const natsUrl = pipeline.nats.url;
    system = await startSystem({
      overrides: {
        identity: { natsUrl },
        donor: { natsUrl },
        sacrifice: { natsUrl },
        delivery: { natsUrl },
        skin: { natsUrl },
        video: {
          natsUrl,
          media: {
            ...pipeline.media,
            ladder: [240],
            blurredLadder: [240],
            x264Preset: 'ultrafast',
            archiveIntervalMs: 0,
          },
        },
      },
      notifier: { natsUrl, email: { url: smtp.url, from: 'Qurbani <no-reply@qurbani.test>', perSecond: 50 } },
    });
    await pipeline.connect(system.nats);

    organizer = await signInOrganizer(system);
    executor = await createStaff(system, organizer, 'EXECUTOR', 'Executor');
    const { seasonId, siteId } = await createSeasonAndSite(organizer, system);
    await addAnimals(organizer, siteId, 'SHEEP', 1);
    const donor = await registerDonor(system, 'Traced Donor');
    await donor.client.request(UpdateDonorProfileDocument, {
      input: { email: 'traced.donor@donor.test', contactChannels: ['IN_APP', 'EMAIL'] },
    });
    await placeOrder(donor, 'SHEEP', [NAME]);
    await allocateAll(system, organizer, seasonId, 1);
    await workAt(system, organizer, siteId, executor.id, 'EXECUTOR');
    await organizer.client.request(AssignByQuotaDocument, { siteId, executorIds: [executor.id], quota: 1 });
    const { sacrifices } = await organizer.client.request(SiteSacrificesDocument, { siteId });
    sacrificeId = sacrifices.edges[0]!.node.id;
    await performSacrifice(system, executor, sacrificeId);
  });
  after(async () => {
    await system?.close();
    await pipeline?.close();
    await smtp?.close();
    await receiver?.close();
    if (clips) rmSync(clips, { recursive: true, force: true });
  });

  it('has spans of the gateway, video, orchestrator, model, donor and notifier under one trace id', async () => {
    const started = await eventually(
      () => executor.client.execute(StartProofVideoDocument, { sacrificeId }).then((r) => !r.errors && r.data),
      20_000,
      200,
    );
    const videoId = started!.requestVideoUpload.id;
    const bytes = readFileSync(join(clips, 'proof.mp4'));
    uploadedBytes = bytes.length;
    const tus = new ResumableVideoUpload({
      origin: system.gateway.url,
      accessToken: executor.token,
      videoId,
      contentType: 'video/mp4',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    await tus.create();
    await tus.patch(0, bytes);

    await eventually(
      async () => {
        const { video } = await organizer.client.request(VideoVerdictDocument, { id: videoId });
        return video.status === 'VALIDATED';
      },
      120_000,
      500,
    ).catch((error) => {
      throw new Error(`${error.message}\norchestrator: ${pipeline.orchestrator.log}`);
    });
    await eventually(async () => smtp.mails.length >= 1, 30_000, 200);

    const wanted = ['gateway', 'video', 'orchestrator', 'model', 'donor', 'notifier'];
    const traceOfModel = () => receiver.spans.find((s) => s.service === 'model')?.traceId;
    let trace: ReceivedSpan[] = [];
    await eventually(
      async () => {
        const id = traceOfModel();
        trace = id ? receiver.spans.filter((s) => s.traceId === id) : [];
        const services = new Set(trace.map((s) => s.service));
        return wanted.every((w) => services.has(w));
      },
      20_000,
      200,
    ).catch(() => {
      const seen = trace.map((s) => `${s.service}: ${s.name}`).join('\n');
      throw new Error(`trace misses services; it has:\n${seen}\nrefused uploads: ${receiver.refused.join(', ')}`);
    });

    // One tree: a single root, the gateway's server span of the upload request, and every other
    // span's parent is in the same trace.
    const roots = trace.filter((s) => !s.parentSpanId);
    assert.equal(roots.length, 1, roots.map((s) => `${s.service}: ${s.name}`).join(', '));
    assert.equal(roots[0]!.service, 'gateway');
    assert.match(roots[0]!.name, /^(PATCH|POST) \/uploads$/);
    const ids = new Set(trace.map((s) => s.spanId));
    const orphans = trace.filter((s) => s.parentSpanId && !ids.has(s.parentSpanId));
    assert.deepEqual(
      orphans.map((s) => `${s.service}: ${s.name}`),
      [],
      'every parent arrived',
    );
    const named = (service: string, pattern: RegExp) =>
      trace.some((s) => s.service === service && pattern.test(s.name));
    assert.ok(named('video', /^PATCH \/uploads$/), 'the video subgraph received the upload from the gateway');
    assert.ok(named('orchestrator', /^consume video\.uploaded-preprocessed$/));
    assert.ok(named('orchestrator', /^analyse video$/));
    assert.ok(named('model', /^POST \/v1\/analyze$/));
    assert.ok(named('video', /^consume video\.processed-final$/), 'the verdict came back on the bus');
    assert.ok(named('notifier', /^consume /));
    assert.deepEqual(receiver.refused, []);
  });

  const scrape = async (url: string) => {
    const response = await fetch(`${url}/metrics`);
    assert.equal(response.status, 200, url);
    return parsePrometheusText(await response.text());
  };

  // After the flow above: an upload, a verdict and a delivery each move their own series.
  it('moves the upload, event, analysis, verdict and delivery series', async () => {
    assert.ok(uploadedBytes > 0, 'the flow ran');
    const video = await scrape(system.subgraphs.video!.url.replace(/\/graphql$/, ''));
    assert.equal(total(video, 'upload_bytes_total', {}), uploadedBytes);
    assert.ok(total(video, 'events_published_total', { subject: 'video.uploaded-preprocessed' }) >= 1);
    assert.ok(total(video, 'events_consumed_total', { subject: 'video.processed-final', outcome: 'handled' }) >= 1);

    const orchestrator = await scrape(pipeline.orchestrator.url);
    const preprocessed = { durable: 'orchestrator-video-preprocessed', outcome: 'handled' };
    assert.ok(total(orchestrator, 'events_consumed_total', preprocessed) >= 1);
    assert.ok(total(orchestrator, 'events_published_total', { subject: 'video.processed-final' }) >= 1);

    const model = await scrape(pipeline.model.url);
    assert.ok(total(model, 'model_analyses_total', { status: '200' }) >= 1, 'the model service answered an analysis');

    const donor = await scrape(system.subgraphs.donor!.url.replace(/\/graphql$/, ''));
    assert.ok(total(donor, 'events_published_total', { subject: 'notification.dispatch' }) >= 1);

    const notifier = await scrape(system.notifier!.url);
    assert.ok(
      total(notifier, 'events_consumed_total', { subject: 'notification.dispatch', outcome: 'handled' }) >= 1,
      'the notifier took the dispatch',
    );
    assert.ok(total(notifier, 'events_published_total', { subject: 'notification.delivery-updated' }) >= 1);
  });
});
