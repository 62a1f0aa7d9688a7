import { allocatedSacrificeConsumer, sacrificeProgressConsumer, type ConsumerFactory } from '@qurbani/events';

/**
 * Durable `skin-sacrifice-allocated`: the species and site of each hide and the donors who may follow
 * it; durable `skin-sacrifice-status`: whether the animal was sacrificed (no hide before that).
 */
export const allocationConsumers: ConsumerFactory[] = [
  allocatedSacrificeConsumer('skin-sacrifice-allocated'),
  sacrificeProgressConsumer('skin-sacrifice-status'),
];
