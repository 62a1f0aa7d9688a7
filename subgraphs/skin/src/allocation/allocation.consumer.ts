import { allocatedSacrificeConsumer, type ConsumerFactory } from '@qurbani/events';

/** Durable `skin-sacrifice-allocated`: the species of each hide and the donors who may follow it. */
export const allocationConsumers: ConsumerFactory[] = [allocatedSacrificeConsumer('skin-sacrifice-allocated')];
