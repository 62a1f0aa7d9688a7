import type { PushDevice } from '@qurbani/events';
import type { ChannelAdapter, ExternalChannel } from './channel.js';
import { RateLimit } from './rate-limit.js';

/** The adapters a deployment configured, each with its provider's rate. */
export class ChannelRegistry {
  private readonly limits = new Map<ChannelAdapter, RateLimit>();

  constructor(adapters: readonly { adapter: ChannelAdapter; perSecond: number }[]) {
    for (const { adapter, perSecond } of adapters) this.limits.set(adapter, new RateLimit(perSecond));
  }

  /** The adapter for a channel (for PUSH, for the device's kind); null when none is configured. */
  adapterFor(channel: ExternalChannel, device?: PushDevice): ChannelAdapter | null {
    for (const adapter of this.limits.keys()) {
      if (adapter.channel !== channel) continue;
      if (channel === 'PUSH' && adapter.deviceKind !== device?.kind) continue;
      return adapter;
    }
    return null;
  }

  /** Whether a channel can be sent at all here (PUSH: for some device kind). */
  has(channel: ExternalChannel): boolean {
    return [...this.limits.keys()].some((a) => a.channel === channel);
  }

  limitOf(adapter: ChannelAdapter): RateLimit {
    return this.limits.get(adapter)!;
  }

  byProvider(provider: string): ChannelAdapter | undefined {
    return [...this.limits.keys()].find((a) => a.provider === provider);
  }

  async close(): Promise<void> {
    await Promise.all([...this.limits.keys()].map((a) => a.close?.()));
  }
}
