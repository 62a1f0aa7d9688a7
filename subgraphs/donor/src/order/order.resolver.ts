import { assertId, ConnectionType, notFound, PageArgs, Role, type SubgraphContext } from '@qurbani/kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Donor } from '../donor/donor.entity.js';
import { donorById } from '../donor/donor.loaders.js';
import { Order } from './order.entity.js';
import { OrderStatus } from './order.enums.js';
import { PlaceOrderInput } from './order.inputs.js';
import { orderById } from './order.loaders.js';
import { allOrders, orderFields, ordersOfDonor } from './order.repository.js';
import type { OrderService } from './order.service.js';

const OrderConnection = ConnectionType('Order', Order);

@Resolver(() => Order)
export class OrderResolver {
  constructor(private readonly orderService: OrderService) {}

  @Query(() => OrderConnection, { description: "The signed-in donor's orders, newest first." })
  @Authorized()
  myOrders(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    return ordersOfDonor(ctx.reads, ctx.viewer!.id, page, orderFields(info));
  }

  @Query(() => Order, { description: 'One order; only its donor and organizers see it.' })
  @Authorized()
  async order(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Order> {
    const order = await orderById(ctx).load(assertId(id));
    // Someone else's order answers exactly like a missing one: its existence is not revealed.
    if (!order) throw notFound('Order', id);
    return order;
  }

  @Query(() => OrderConnection, {
    description: 'Organizers only: every order, newest first, optionally of one status.',
  })
  @Authorized(Role.ORGANIZER)
  orders(
    @Args() page: PageArgs,
    @Arg('status', () => OrderStatus, { nullable: true }) status: OrderStatus | undefined,
    @Ctx() ctx: SubgraphContext,
  ) {
    return allOrders(ctx.em, page, status);
  }

  @Mutation(() => Order, {
    description: 'Orders shares; retrying with the same clientRequestId returns the same order.',
  })
  @Authorized(Role.DONOR)
  placeOrder(@Arg('input') input: PlaceOrderInput, @Ctx() ctx: SubgraphContext): Promise<Order> {
    return this.orderService.place(ctx.em, ctx.viewer!.id, input);
  }

  @Mutation(() => Order, {
    description:
      'Asks to cancel your own order while it is placed and unpaid: cancellationStatus is REQUESTED until the charity confirms (status CANCELLED) or refuses (a share is already on an animal; see cancellationReason).',
  })
  @Authorized()
  cancelOrder(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Order> {
    return this.orderService.cancel(ctx.em, ctx, ctx.viewer!.id, assertId(id));
  }

  @FieldResolver(() => Donor)
  async donor(@Root() order: Order, @Ctx() ctx: SubgraphContext): Promise<Donor> {
    // Whoever sees the order sees its donor (same rule: donorFilter matches orderFilter).
    const donor = await donorById(ctx).load(order.donorId);
    if (!donor) throw notFound('Donor', order.donorId);
    return donor;
  }
}
