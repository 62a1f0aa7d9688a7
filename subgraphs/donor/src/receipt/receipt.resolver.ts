import { Role, type SubgraphContext } from '@qurbani/kit';
import { documentLanguage } from '@qurbani/documents';
import { Arg, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Donor } from '../donor/donor.entity.js';
import { Language } from '../donor/donor.enums.js';
import { Order } from '../order/order.entity.js';
import { Payment } from '../payment/payment.entity.js';
import { paymentFilter } from '../payment/payment.policy.js';
import { DocumentLink } from './document-link.type.js';
import type { ReceiptLinks } from './receipt-links.js';
import { hasReceipt } from './receipt.service.js';

@Resolver(() => Payment)
export class PaymentReceiptResolver {
  constructor(private readonly links: ReceiptLinks) {}

  @FieldResolver(() => DocumentLink, {
    nullable: true,
    description:
      "A signed, expiring link to this payment's donation receipt (PDF), for the payment's donor and organizers; " +
      "null while the payment is pending or failed. In `language` (EN or AR; others get EN), by default the donor's.",
  })
  @Authorized(Role.DONOR, Role.ORGANIZER)
  async receipt(
    @Root() payment: Payment,
    @Ctx() ctx: SubgraphContext,
    @Arg('language', () => Language, { nullable: true }) language?: Language,
  ): Promise<DocumentLink | null> {
    // The payment arrived through a filtered path, but a link outlives the request: check again.
    const visible = await ctx.em.count(Payment, { $and: [{ id: payment.id }, paymentFilter(ctx.viewer)] });
    if (!visible || !hasReceipt(payment)) return null;
    let chosen = language;
    if (!chosen) {
      const order = await ctx.em.findOneOrFail(Order, { id: payment.orderId });
      chosen = (await ctx.em.findOne(Donor, { id: order.donorId }))?.language ?? Language.EN;
    }
    return this.links.sign(payment.id, documentLanguage(chosen));
  }
}
