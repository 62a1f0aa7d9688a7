import { assertId } from '@qurbani/kit';

/** A representation's id from another subgraph: a malformed one matches nothing rather than failing the batch. */
export function safeId(id: unknown): string | null {
  try {
    return assertId(id as string);
  } catch {
    return null;
  }
}
