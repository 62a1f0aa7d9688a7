import { requireRole, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Order } from '../order/order.entity.js';
import { RecordPaymentInput } from './payment.inputs.js';
import { Payment } from './payment.entity.js';
import { paymentsByOrderId } from './payment.loaders.js';
import type { PaymentService } from './payment.service.js';

@Resolver(() => Order)
export class OrderPaymentsResolver {
  constructor(private readonly paymentService: PaymentService) {}

  @Mutation(() => Order, { description: 'Organizers only: records money received for an order.' })
  recordPayment(@Arg('input') input: RecordPaymentInput, @Ctx() ctx: SubgraphContext): Promise<Order> {
    const viewer = requireRole(ctx.viewer, Role.ORGANIZER);
    return this.paymentService.record(ctx.em, viewer.id, input);
  }

  @FieldResolver(() => [Payment], { description: 'Payments received, oldest first.' })
  payments(@Root() order: Order, @Ctx() ctx: SubgraphContext): Promise<Payment[]> {
    return paymentsByOrderId(ctx).load(order.id);
  }
}
