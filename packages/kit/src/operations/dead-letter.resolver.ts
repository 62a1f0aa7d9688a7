import { AlreadyReplayed, DeadLetter, NotReplayable, UnknownDeadLetter } from '@qurbani/events';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../context.js';
import { conflict, notFound } from '../errors.js';
import { assertId } from '../ids.js';
import { Role } from '../viewer.js';
import { DeadLetterView } from './dead-letter.type.js';

const capitalized = (name: string) => name[0]!.toUpperCase() + name.slice(1);

/**
 * Organizers' view of one subgraph's dead letters: `<service>DeadLetters` lists them (waiting ones
 * by default), `replay<Service>DeadLetter` publishes one again, exactly once. Named per service
 * because a root field can live in one subgraph only.
 */
export function deadLetterResolver(service: string) {
  const view = (row: DeadLetter): DeadLetterView => ({
    ...row,
    service,
    payload: (row.payload ?? {}) as Record<string, unknown>,
  });

  @Resolver()
  class DeadLetterResolver {
    @Authorized(Role.ORGANIZER)
    @Query(() => [DeadLetterView], {
      name: `${service}DeadLetters`,
      description: `Events the ${service} subgraph gave up on, newest first.`,
    })
    async list(
      @Ctx() ctx: SubgraphContext,
      @Arg('waitingOnly', { defaultValue: true, description: 'Only those not replayed yet.' }) waitingOnly: boolean,
      @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    ): Promise<DeadLetterView[]> {
      const rows = await ctx.em.find(DeadLetter, waitingOnly ? { replayedAt: null } : {}, {
        orderBy: { createdAt: 'desc' },
        limit: Math.min(Math.max(first, 1), 200),
      });
      return rows.map(view);
    }

    @Authorized(Role.ORGANIZER)
    @Mutation(() => DeadLetterView, {
      name: `replay${capitalized(service)}DeadLetter`,
      description: 'Publishes the event again for the consumer that failed (others skip it); once.',
    })
    async replay(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<DeadLetterView> {
      if (!ctx.deadLetters) throw notFound('dead letter', id);
      try {
        return view(await ctx.deadLetters.replay(assertId(id, 'id'), ctx));
      } catch (error) {
        if (error instanceof UnknownDeadLetter) throw notFound('dead letter', id);
        if (error instanceof AlreadyReplayed) throw conflict('This dead letter was already replayed.');
        if (error instanceof NotReplayable) throw conflict(error.message);
        throw error;
      }
    }
  }
  return new DeadLetterResolver();
}
