/** A row filter nothing matches (anonymous viewers, tracking links, staff without a rule). */
export const NO_ROWS = { id: null } as const;
