import { v7, validate } from 'uuid';
import { badInput } from './errors.js';

/** Time-ordered ids: sorting by id is sorting by creation, which makes cursors cheap. */
export const newId = (): string => v7();

/** Throws BAD_USER_INPUT for anything that is not a UUID, before it reaches SQL. */
export function assertId(id: string, field = 'id'): string {
  if (typeof id !== 'string' || !validate(id)) throw badInput(`${field} is not a valid id.`, field);
  return id.toLowerCase();
}
