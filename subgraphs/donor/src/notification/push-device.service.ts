import type { EntityManager } from '@mikro-orm/postgresql';
import type { PushDevice as DispatchDevice } from '@qurbani/events';
import { badInput, FieldCipher } from '@qurbani/kit';
import { createHmac } from 'node:crypto';
import { PushDevice, PushDeviceKind } from './push-device.entity.js';

/** Push devices per account: registered by the app, pruned when the notifier finds them gone. */
export class PushDeviceService {
  private readonly cipher: FieldCipher;

  constructor(private readonly piiKey: string) {
    this.cipher = new FieldCipher(piiKey);
  }

  /** Registers a device for the account; the same token again is the same device (moved to this account if it changed hands). */
  async register(em: EntityManager, accountId: string, kind: PushDeviceKind, token: string): Promise<PushDevice> {
    const clean = assertToken(kind, token);
    const tokenDigest = createHmac('sha256', this.piiKey).update(clean).digest('hex');
    const row = new PushDevice();
    await em
      .createQueryBuilder(PushDevice)
      .insert({
        id: row.id,
        accountId,
        kind,
        tokenEncrypted: this.cipher.encrypt(clean),
        tokenDigest,
        createdAt: row.createdAt,
      })
      .onConflict('tokenDigest')
      .merge(['accountId', 'kind'])
      .execute('run');
    return em.findOneOrFail(PushDevice, { tokenDigest }, { refresh: true });
  }

  /** Removes one of the account's own devices; false when it is not theirs or already gone. */
  async unregister(em: EntityManager, accountId: string, id: string): Promise<boolean> {
    return (await em.nativeDelete(PushDevice, { id, accountId })) > 0;
  }

  mine(em: EntityManager, accountId: string): Promise<PushDevice[]> {
    return em.find(PushDevice, { accountId }, { orderBy: { createdAt: 'asc' } });
  }

  /** The account's devices with their tokens in clear, for the sealed dispatch only. */
  async forDispatch(em: EntityManager, accountId: string): Promise<DispatchDevice[]> {
    const rows = await this.mine(em, accountId);
    return rows.map((d) => ({ id: d.id, kind: d.kind, token: this.cipher.decrypt(d.tokenEncrypted) }));
  }
}

function assertToken(kind: PushDeviceKind, token: string): string {
  const clean = token.trim();
  if (!clean || clean.length > 4096) throw badInput('A push token is 1 to 4096 characters.', 'token');
  if (kind === PushDeviceKind.FCM) return clean;
  try {
    const sub = JSON.parse(clean) as { endpoint?: string; keys?: { p256dh?: string; auth?: string } };
    if (/^https?:\/\//.test(sub.endpoint ?? '') && sub.keys?.p256dh && sub.keys.auth)
      return JSON.stringify({ endpoint: sub.endpoint, keys: { p256dh: sub.keys.p256dh, auth: sub.keys.auth } });
  } catch {
    // Not JSON: refused below.
  }
  throw badInput('A WEB token is the browser PushSubscription as JSON (endpoint and keys).', 'token');
}
