import type { RowCheck } from '@qurbani/kit';

/** Runs each column's rule (they throw BAD_USER_INPUT) and turns the failures into per-column reasons. */
export function checkColumns<Row>(
  rules: Record<string, () => unknown>,
  build: (values: Record<string, unknown>) => Row,
): RowCheck<Row> {
  const values: Record<string, unknown> = {};
  const errors: { column: string; reason: string }[] = [];
  for (const [column, rule] of Object.entries(rules)) {
    try {
      values[column] = rule();
    } catch (error) {
      errors.push({ column, reason: (error as Error).message });
    }
  }
  return errors.length ? { errors } : { value: build(values) };
}

/** An optional number column: empty is null. */
export function optionalNumber(value: string | undefined, column: string): number | null {
  if (value === undefined || value === '') return null;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`${column} is not a number.`);
  return n;
}

/** For each row of a batch, null when the key was taken by it, else the refusal (a duplicate). */
export function firstTaker<Row>(
  rows: readonly Row[],
  keyOf: (row: Row) => string,
  inserted: ReadonlySet<string>,
  refusal: { column: string; reason: string },
): ({ column: string; reason: string } | null)[] {
  const taken = new Set<string>();
  return rows.map((row) => {
    const key = keyOf(row);
    if (!inserted.has(key) || taken.has(key)) return refusal;
    taken.add(key);
    return null;
  });
}
