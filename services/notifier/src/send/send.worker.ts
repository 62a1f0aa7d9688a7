import type { EntityManager } from '@mikro-orm/postgresql';
import { NOTIFICATION_AUDIENCE, type DispatchContact, type EventsLogger, type PushDevice } from '@qurbani/events';
import { openContact } from '@qurbani/kit';
import { render } from '@qurbani/messages';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChannelAdapter, ExternalChannel } from '../channels/channel.js';
import type { ChannelRegistry } from '../channels/registry.js';
import { queueFallback } from './fallback.js';
import { SendState, type Send } from './send.entity.js';
import type { SendRepository } from './send.repository.js';
import { nextRetryDelay, type Outcome, type RetryPolicy } from './retry.rules.js';

export interface WorkerOptions {
  sends: SendRepository;
  channels: ChannelRegistry;
  sealKey: string;
  retry: RetryPolicy;
  concurrency: number;
  leaseMs: number;
  pollMs: number;
  smsSegmentBudget: number;
  logger: EventsLogger;
}

/** Sends due messages: claim (lease) → render → rate limit → provider → record the outcome. */
export class SendWorker {
  readonly counters = { sent: 0, retried: 0, failed: 0, unregistered: 0, dead: 0, fallbacks: 0, lostLeases: 0 };
  private running = false;
  private loop: Promise<void> | null = null;
  private sleepers: (() => void)[] = [];

  constructor(private readonly o: WorkerOptions) {}

  start(): void {
    this.running = true;
    // Independent lanes, not batches: a slow provider call holds up only its own lane.
    this.loop = Promise.all(Array.from({ length: this.o.concurrency }, () => this.lane())).then(() => undefined);
  }

  /** New sends were stored: look now instead of at the next poll. */
  wake(): void {
    for (const wake of this.sleepers.splice(0)) wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  private async lane(): Promise<void> {
    while (this.running) {
      let claimed: Send[] = [];
      try {
        claimed = await this.o.sends.claim(1, this.o.leaseMs);
        for (const send of claimed) await this.process(send);
      } catch (error) {
        this.o.logger.error('send lane failed; retrying', { error: (error as Error).name });
      }
      if (claimed.length === 0 && this.running) {
        let wake = () => undefined as void;
        const woken = new Promise<void>((resolve) => this.sleepers.push((wake = resolve)));
        await Promise.race([woken, sleep(this.o.pollMs)]);
        this.sleepers = this.sleepers.filter((s) => s !== wake);
      }
    }
  }

  private async process(send: Send): Promise<void> {
    let contact: DispatchContact;
    try {
      contact = openContact(this.o.sealKey, send.sealed ?? '');
    } catch {
      await this.record(send, null, { kind: 'permanent', detail: 'contact unreadable' }, {});
      return;
    }
    const device = contact.pushDevices?.find((d) => d.id === send.pushDeviceId);
    const adapter = this.o.channels.adapterFor(send.channel as ExternalChannel, device);
    const to = addressOf(send, contact, device);
    if (!adapter || !to) {
      await this.record(send, null, { kind: 'permanent', detail: adapter ? 'no address' : 'no provider' }, contact);
      return;
    }
    const family = NOTIFICATION_AUDIENCE[send.kind] === 'FAMILY';
    // The PIN and link join the text here only, for the family's SMS; they are never stored or logged.
    const params = family
      ? { ...send.params, pin: contact.pin ?? '', trackingUrl: contact.trackingUrl ?? '' }
      : send.params;
    const rendered = render(send.kind, send.language, params, {
      channel: send.channel,
      smsSegmentBudget: this.o.smsSegmentBudget,
    });
    const limit = this.o.channels.limitOf(adapter);
    // Renewed while waiting for a token and for the provider: a slow call must not let another lane
    // take the send over and send it a second time.
    const renewing = setInterval(
      () => void this.o.sends.renew(send, this.o.leaseMs).catch(() => undefined),
      Math.max(100, this.o.leaseMs / 3),
    );
    let outcome: Outcome;
    try {
      await limit.take();
      outcome = await adapter.send({
        sendId: send.id,
        idempotencyKey: send.idempotencyKey,
        kind: send.kind,
        language: send.language,
        rendered,
        to,
        device,
        params: send.params,
      });
    } finally {
      clearInterval(renewing);
    }
    if (outcome.kind === 'transient' && outcome.retryAfterMs) limit.pause(outcome.retryAfterMs);
    await this.record(send, adapter, outcome, contact);
  }

  private async record(send: Send, adapter: ChannelAdapter | null, outcome: Outcome, contact: DispatchContact) {
    const provider = adapter?.provider ?? null;
    let kept: boolean;
    switch (outcome.kind) {
      case 'sent':
        this.counters.sent++;
        kept = await this.o.sends.finish(send, SendState.SENT, {
          provider,
          providerMessageId: outcome.providerMessageId,
          sentAt: new Date(),
          detail: null,
        });
        break;
      case 'transient': {
        const delay = nextRetryDelay(send.attempts, this.o.retry, outcome.retryAfterMs);
        if (delay === null) this.counters.dead++;
        else this.counters.retried++;
        kept =
          delay === null
            ? await this.o.sends.finish(send, SendState.DEAD, { provider, detail: outcome.detail })
            : await this.o.sends.finish(send, SendState.PENDING, {
                provider,
                detail: outcome.detail,
                dueAt: new Date(Date.now() + delay),
              });
        break;
      }
      case 'permanent':
      case 'unregistered': {
        const state = outcome.kind === 'permanent' ? SendState.FAILED : SendState.UNREGISTERED;
        this.counters[outcome.kind === 'permanent' ? 'failed' : 'unregistered']++;
        kept = await this.o.sends.finish(send, state, { provider, detail: outcome.detail }, (em) =>
          this.fallBack(em, send, contact),
        );
        break;
      }
    }
    if (!kept) this.counters.lostLeases++;
  }

  /** Queues the fallback channel of a send that failed for good (see `queueFallback`). */
  async fallBack(em: EntityManager, failed: Send, contact: DispatchContact): Promise<void> {
    if (await queueFallback(em, failed, contact)) this.counters.fallbacks++;
  }
}

function addressOf(send: Send, contact: DispatchContact, device: PushDevice | undefined): string | null {
  switch (send.channel) {
    case 'SMS':
    case 'WHATSAPP':
      return contact.phone ?? null;
    case 'EMAIL':
      return contact.email ?? null;
    case 'PUSH':
      return device ? device.id : null;
    default:
      return null;
  }
}
