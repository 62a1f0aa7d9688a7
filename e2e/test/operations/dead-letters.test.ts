import { connectNats, type NatsHandles } from '@qurbani/events';
import { newId } from '@qurbani/kit';
import { eventually } from '@qurbani/kit/testing';
import { ReplayVideoDeadLetterDocument, VideoDeadLettersDocument } from '@qurbani/sdk';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { registerDonor, signInOrganizer, type Actor } from '../support/season.js';
import { startSystem, type System } from '../support/system.js';

describe('dead letters: listed, inspected and replayed by organizers through the API', () => {
  let system: System;
  let organizer: Actor;
  let nats: NatsHandles;
  before(async () => {
    // Two deliveries, 50 ms apart, before an event is given up on: the default (8, up to a minute) is for production.
    system = await startSystem({ overrides: { video: { eventRetry: { maxDeliver: 2, backoffMs: () => 50 } } } });
    organizer = await signInOrganizer(system);
    nats = await connectNats(system.nats.url);
  });
  after(async () => {
    await nats?.close();
    await system?.close();
  });

  const messagesOn = async (subject: string) => {
    const info = await nats.jsm.streams.info(system.nats.streamName, { subjects_filter: subject } as never);
    return Object.values((info.state as { subjects?: Record<string, number> }).subjects ?? {}).reduce(
      (a, b) => a + b,
      0,
    );
  };

  it('a verdict for an unknown video becomes a dead letter; an organizer sees it and replays it once', async () => {
    const videoId = newId();
    const subject = `${system.nats.subjectPrefix}.video.processed-final`;
    const before = await messagesOn(subject);
    await nats.js.publish(
      subject,
      JSON.stringify({
        videoId,
        sacrificeId: newId(),
        outcome: 'VALIDATED',
        checks: {
          scene: { status: 'pass', model: 'm', version: '1', evidence: {} },
          names: { status: 'pass', model: 'm', version: '1', evidence: {} },
        },
        model: 'qurbani-model test',
        analyzedAt: new Date().toISOString(),
      }),
      { msgID: newId() },
    );
    const waiting = await eventually(async () => {
      const { videoDeadLetters } = await organizer.client.request(VideoDeadLettersDocument, {});
      return videoDeadLetters.find((d) => (d.payload as { videoId?: string }).videoId === videoId);
    }, 20_000);
    assert.equal(waiting.service, 'video');
    assert.equal(waiting.consumer, 'video-processed-final');
    assert.equal(waiting.deliveries, 2);
    assert.match(waiting.error, /not found/);
    assert.equal(waiting.replayedAt, null);

    const donor = await registerDonor(system, 'Curious Donor');
    assert.equal((await donor.client.execute(VideoDeadLettersDocument, {})).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.equal(
      (await donor.client.execute(ReplayVideoDeadLetterDocument, { id: waiting.id })).errors?.[0]?.extensions?.code,
      'FORBIDDEN',
    );

    // Two operators press "replay" at once: one replay is published, the other is told it was done.
    const [first, second] = await Promise.all([
      organizer.client.execute(ReplayVideoDeadLetterDocument, { id: waiting.id }),
      organizer.client.execute(ReplayVideoDeadLetterDocument, { id: waiting.id }),
    ]);
    const answers = [first, second];
    assert.equal(answers.filter((a) => a.data?.replayVideoDeadLetter.replayedAt).length, 1, JSON.stringify(answers));
    assert.equal(answers.filter((a) => a.errors?.[0]?.extensions?.code === 'CONFLICT').length, 1);
    assert.equal(await messagesOn(subject), before + 2, 'the original and exactly one replay');

    // The cause is not fixed (the video still does not exist): the replay fails again and waits again.
    await eventually(async () => {
      const { videoDeadLetters } = await organizer.client.request(VideoDeadLettersDocument, {});
      return videoDeadLetters.some((d) => d.id === waiting.id && d.replayedAt === null);
    }, 20_000);
    const unknown = await organizer.client.execute(ReplayVideoDeadLetterDocument, { id: newId() });
    assert.equal(unknown.errors?.[0]?.extensions?.code, 'NOT_FOUND');
  });
});
