import { assertId } from '@qurbani/kit';

/** For keys arriving from other subgraphs or events: a malformed one matches nothing instead of failing SQL. */
export function isId(id: unknown): id is string {
  try {
    assertId(id as string);
    return true;
  } catch {
    return false;
  }
}
