import { Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Ctx, Field, ID, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { CardPaymentService } from './card-payment.service.js';

@ObjectType({ description: "A card payment started for an order; the donor's app confirms it with the provider." })
export class CardPaymentStart {
  @Field({ description: 'The card provider, e.g. "stripe".' }) provider!: string;
  @Field({ description: "The provider's payment id (a Stripe PaymentIntent id)." }) reference!: string;
  @Field({ description: "For the donor's app only (Stripe.js confirmPayment); never stored by the charity." })
  clientSecret!: string;
  @Field({ description: "The provider's status when created, e.g. requires_payment_method." }) providerStatus!: string;
  @Field(() => Int) amountMinor!: number;
  @Field() currency!: string;
}

@Resolver()
export class CardPaymentResolver {
  constructor(private readonly cards: CardPaymentService) {}

  @Mutation(() => CardPaymentStart, {
    description:
      "Pays your own order by card, for its whole amount. The order becomes PAID when the provider's signed event says so, not before; asking again while a payment is pending returns the same one.",
  })
  @Authorized(Role.DONOR)
  startCardPayment(
    @Arg('orderId', () => ID) orderId: string,
    @Arg('paymentMethod', () => String, {
      nullable: true,
      description: 'A saved payment method to charge at once (e.g. a Stripe pm_ id); without it the app confirms.',
    })
    paymentMethod: string | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CardPaymentStart> {
    return this.cards.start(ctx.em, ctx, ctx.viewer!.id, orderId, paymentMethod ?? undefined);
  }
}
