import { assertId, badInput } from '@qurbani/kit';
import { refuseClientPrice, validDonation } from './order-pricing.rules.js';
import type { PlaceOrderInput } from './order.inputs.js';
import type { Species } from './order.enums.js';

const MAX_SHARES = 100;
const MAX_NAME_LENGTH = 120;
const MAX_REQUEST_ID_LENGTH = 100;

/** A validated, normalised order request. */
export interface OrderDraft {
  clientRequestId: string;
  species: Species;
  siteId: string;
  names: string[];
  donationMinor: number;
}

/**
 * Every species takes 1..MAX_SHARES shares: a sheep or goat share is a whole animal, a cow or camel
 * share is a seventh, and the sacrifice subgraph groups seven of those per animal whatever the count.
 */
export function validatePlaceOrder(input: PlaceOrderInput): OrderDraft {
  refuseClientPrice(input);
  const clientRequestId = input.clientRequestId.trim();
  if (!clientRequestId || clientRequestId.length > MAX_REQUEST_ID_LENGTH) {
    throw badInput(`clientRequestId must be 1 to ${MAX_REQUEST_ID_LENGTH} characters.`, 'clientRequestId');
  }
  if (input.shares.length < 1 || input.shares.length > MAX_SHARES) {
    throw badInput(`Order between 1 and ${MAX_SHARES} shares, one name per share.`, 'shares');
  }
  const names = input.shares.map((raw, i) => {
    const name = raw.trim();
    if (!name || name.length > MAX_NAME_LENGTH)
      throw badInput(`Share ${i + 1} needs a name of 1 to ${MAX_NAME_LENGTH} characters.`, 'shares');
    return name;
  });
  return {
    clientRequestId,
    siteId: assertId(input.siteId, 'siteId'),
    species: input.species,
    names,
    donationMinor: validDonation(input.donationMinor),
  };
}
