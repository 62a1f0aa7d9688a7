import type { SacrificeStatus } from '@qurbani/events';

/**
 * PRODUCT rule "Money", refunds: a refunded order's names come off every animal not yet sacrificed
 * (allocated or assigned), and their places go to the next paid shares waiting for that species at
 * that site; once the animal is sacrificed the names were said and stay on record.
 */
export const releasedOnRefund = (status: SacrificeStatus): boolean => status === 'ALLOCATED' || status === 'ASSIGNED';

/** How many waiting shares may take the places freed on an animal. */
export const placesFreed = (capacity: number, remaining: number): number => Math.max(0, capacity - remaining);
