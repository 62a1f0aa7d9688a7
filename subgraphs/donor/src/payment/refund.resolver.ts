import { groupByKey, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { PaymentRefund } from './payment-refund.entity.js';
import { Payment } from './payment.entity.js';
import { RefundPaymentInput } from './refund.inputs.js';
import type { RefundService } from './refund.service.js';

/** One `IN` query per batch of payments; a payment reaches here only through its own policy. */
const refundsByPaymentId = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, PaymentRefund[]>('PaymentRefund.byPaymentId', async (paymentIds) =>
    groupByKey(
      paymentIds,
      await ctx.em.find(PaymentRefund, { paymentId: { $in: [...paymentIds] } }, { orderBy: { requestedAt: 'asc' } }),
      (r) => r.paymentId,
    ),
  );

@Resolver(() => Payment)
export class PaymentRefundResolver {
  constructor(private readonly service: RefundService) {}

  @Mutation(() => Payment, {
    description:
      'Organizers only: refunds part or all of a payment. Offline money is recorded as paid back at once; a card ' +
      "refund is asked of the provider and shows in `refundedMinor` when the provider's signed event arrives.",
  })
  @Authorized(Role.ORGANIZER)
  refundPayment(@Arg('input') input: RefundPaymentInput, @Ctx() ctx: SubgraphContext): Promise<Payment> {
    return this.service.refund(ctx.em, ctx, input);
  }

  @FieldResolver(() => [PaymentRefund], { description: 'Refunds organizers issued, oldest first.' })
  refunds(@Root() payment: Payment, @Ctx() ctx: SubgraphContext): Promise<PaymentRefund[]> {
    return refundsByPaymentId(ctx).load(payment.id);
  }
}
