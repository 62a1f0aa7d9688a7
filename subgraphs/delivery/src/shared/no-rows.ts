/** A row filter nothing matches (anonymous viewers, tracking links outside their delivery). */
export const NO_ROWS = { id: null } as const;

/**
 * SQL: a donor's sacrifice filled the pack whose id is `packIdSql` (`?` = the donor's account id).
 * `allocated_sacrifice` is copied from `sacrifice.allocated`: who the sacrifice's donors are.
 */
export const donorOfPack = (packIdSql: string) =>
  `exists (select 1 from meat_pack vp join allocated_sacrifice vs on vs.sacrifice_id = vp.sacrifice_id
   where vp.id = ${packIdSql} and vs.donor_ids @> array[?]::text[])`;
