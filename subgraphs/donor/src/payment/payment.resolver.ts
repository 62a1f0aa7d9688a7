import { Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Order } from '../order/order.entity.js';
import { RecordPaymentInput } from './payment.inputs.js';
import { Payment } from './payment.entity.js';
import { paymentsByOrderId } from './payment.loaders.js';
import type { PaymentService } from './payment.service.js';

@Resolver(() => Order)
export class OrderPaymentsResolver {
  constructor(private readonly paymentService: PaymentService) {}

  @Mutation(() => Order, { description: 'Organizers only: records money received for an order.' })
  @Authorized(Role.ORGANIZER)
  recordPayment(@Arg('input') input: RecordPaymentInput, @Ctx() ctx: SubgraphContext): Promise<Order> {
    return this.paymentService.record(ctx.em, ctx, ctx.viewer!.id, input);
  }

  @FieldResolver(() => [Payment], {
    description: "Payments received, oldest first: the order's donor and organizers (paymentFilter).",
  })
  payments(@Root() order: Order, @Ctx() ctx: SubgraphContext): Promise<Payment[]> {
    return paymentsByOrderId(ctx).load(order.id);
  }
}
