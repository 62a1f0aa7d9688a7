import { raw, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueueLive, LiveKind } from '@qurbani/events';
import { assertId, audit, badInput, conflict, findPage, notFound, type AuditActor, type PageArgs } from '@qurbani/kit';
import { MeatPack, MeatPackStatus } from '../pack/meat-pack.entity.js';
import { Recipient } from '../recipient/recipient.entity.js';
import { campaignOf } from './campaign.js';
import { Delivery, DeliveryStatus } from './delivery.entity.js';
import type { CreatedDelivery } from './delivery.types.js';
import { assertNoPackThisSeason, FAMILY_SERVICE_ORDER, onePackEach } from './one-pack-per-family.rules.js';
import { newPin } from './pin.js';
import type { FamilyNotices } from '../notice/family-notices.js';
import { NotificationKind } from '@qurbani/events';

const MAX_ALLOCATION = 500;

/** Pairs packs with families by `one-pack-per-family.rules.ts`. */
export class DeliveryService {
  constructor(
    private readonly piiKey: string,
    private readonly now: () => Date,
    private readonly notices: FamilyNotices,
  ) {}

  async create(
    em: EntityManager,
    packId: string,
    recipientId: string,
    photoRequired = false,
  ): Promise<CreatedDelivery> {
    const pId = assertId(packId, 'packId');
    const rId = assertId(recipientId, 'recipientId');
    return this.uniquely(() =>
      em.transactional(async (tx) => {
        const pack = await tx.findOne(MeatPack, pId);
        if (!pack) throw notFound('Meat pack', packId);
        if (pack.status !== MeatPackStatus.PACKED) throw conflict('This pack is already on its way to a family.');
        const recipient = await tx.findOne(Recipient, rId);
        if (!recipient) throw notFound('Recipient', recipientId);
        if (recipient.archivedAt) throw conflict('This family is archived; restore it before sending it a pack.');
        const campaign = campaignOf(this.now());
        assertNoPackThisSeason(await tx.count(Delivery, { recipientId: recipient.id, campaign }));
        return this.pair(tx, pack, recipient, campaign, photoRequired);
      }),
    );
  }

  /** Gives waiting packs, oldest first, to the highest-priority families without a delivery this season. */
  async allocate(
    em: EntityManager,
    region: string | undefined,
    limit = 50,
    photoRequired = false,
  ): Promise<CreatedDelivery[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ALLOCATION)
      throw badInput(`limit must be between 1 and ${MAX_ALLOCATION}.`, 'limit');
    const campaign = campaignOf(this.now());
    return this.uniquely(() =>
      em.transactional(async (tx) => {
        const unserved = (a: string) =>
          `not exists (select 1 from delivery ud where ud.recipient_id = ${a}.id and ud.campaign = ?)`;
        const recipients = await tx.find(
          Recipient,
          { ...(region ? { region: region.trim() } : {}), archivedAt: null, [raw(unserved, [campaign])]: [] },
          { orderBy: { ...FAMILY_SERVICE_ORDER }, limit },
        );
        if (recipients.length === 0) return [];
        const packs = await tx.find(
          MeatPack,
          { status: MeatPackStatus.PACKED },
          { orderBy: { id: 'asc' }, limit: recipients.length },
        );
        return onePackEach(packs, recipients).map(([pack, recipient]) =>
          this.pair(tx, pack, recipient, campaign, photoRequired),
        );
      }),
    );
  }

  /** A new PIN after the family lost theirs or the driver was locked out. */
  async resetPin(em: EntityManager, actor: AuditActor, id: string): Promise<CreatedDelivery> {
    return em.transactional(async (tx) => {
      const delivery = await tx.findOne(Delivery, assertId(id));
      if (!delivery) throw notFound('Delivery', id);
      if (delivery.status === DeliveryStatus.DELIVERED) throw conflict('This delivery is already confirmed.');
      const { pin, pinSalt, pinHash } = newPin(this.piiKey);
      const failuresBefore = delivery.pinFailures;
      Object.assign(delivery, { pinSalt, pinHash, pinFailures: 0, pinEncrypted: this.notices.sealPin(pin) });
      // pinLocked may have changed; the PIN itself travels only sealed, to the family's SMS (never in the audit record).
      enqueueLive(tx, LiveKind.Delivery, delivery.id, { status: delivery.status });
      const recipient = await tx.findOneOrFail(Recipient, delivery.recipientId);
      this.notices.tell(tx, delivery, recipient, pin, NotificationKind.FamilyDeliveryCreated);
      await tx.flush();
      await audit(tx, 'delivery', actor, {
        action: 'delivery.pin-reset',
        entityType: 'Delivery',
        entityIds: [delivery.id],
        before: { pinFailures: failuresBefore },
        after: { pinFailures: 0 },
      });
      return { delivery, pin };
    });
  }

  async list(em: EntityManager, status: DeliveryStatus | undefined, page: PageArgs) {
    return findPage(em, Delivery, status ? { status } : {}, page);
  }

  private pair(
    tx: EntityManager,
    pack: MeatPack,
    recipient: Recipient,
    campaign: string,
    photoRequired: boolean,
  ): CreatedDelivery {
    const { pin, pinSalt, pinHash } = newPin(this.piiKey);
    const pinEncrypted = this.notices.sealPin(pin);
    const delivery = tx.create(Delivery, {
      recipientId: recipient.id,
      packId: pack.id,
      campaign,
      pinSalt,
      pinHash,
      pinEncrypted,
      photoRequired,
    });
    pack.status = MeatPackStatus.ASSIGNED;
    this.notices.tell(tx, delivery, recipient, pin, NotificationKind.FamilyDeliveryCreated);
    return { delivery, pin };
  }

  /** The unique constraints settle races between two organizers pairing the same pack or family. */
  private async uniquely<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw conflict('Someone paired this pack or family at the same moment; reload and try again.');
      throw error;
    }
  }
}
