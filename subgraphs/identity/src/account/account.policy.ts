import type { FilterQuery } from '@mikro-orm/core';
import { isAccount, isOrganizer, type Viewer } from '@qurbani/kit';
import type { Account } from './account.entity.js';

/**
 * Who sees an account's display name and roles, by whatever path (`me`, `account(id)`, `_entities`
 * from `Sacrifice.executor`, `Delivery.driver`, `Route.driver`, ...): any signed-in account
 * (the reference came from a row its owner authorized; a name is what people see of each other).
 * Anonymous viewers and tracking links see none.
 */
export function accountFilter(viewer: Viewer | null): FilterQuery<Account> {
  return isAccount(viewer) ? {} : { id: null };
}

/** The sign-in (email or phone): the account itself and organizers. */
export const maySeeLogin = (viewer: Viewer | null, account: Account) =>
  isOrganizer(viewer) || (isAccount(viewer) && viewer.id === account.id);

/** Whether and when an account was disabled: organizers only. */
export const maySeeAccountStatus = (viewer: Viewer | null) => isOrganizer(viewer);
