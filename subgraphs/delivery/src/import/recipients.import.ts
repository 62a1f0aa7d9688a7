import { assertPhone, newId, type CsvImport, type RowCheck } from '@qurbani/kit';
import type { RecipientPrivacy } from '../recipient/recipient-privacy.js';
import { householdSize, messageLanguage, priority, recipientText } from '../recipient/recipient.rules.js';

interface RecipientRow {
  name: string;
  householdSize: number;
  region: string;
  priority: number;
  phone: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
  language: string;
}

const int = (value: string | undefined, column: string): number => {
  if (!value || !/^-?\d+$/.test(value)) throw new Error(`${column} is not a whole number.`);
  return Number(value);
};
const coordinate = (value: string | undefined, limit: number, column: string): number | null => {
  if (!value) return null;
  const n = Number(value);
  if (!Number.isFinite(n) || Math.abs(n) > limit) throw new Error(`${column} must be between -${limit} and ${limit}.`);
  return n;
};

function check(r: Readonly<Record<string, string>>): RowCheck<RecipientRow> {
  const errors: { column: string; reason: string }[] = [];
  const rule = <T>(column: string, read: () => T): T => {
    try {
      return read();
    } catch (error) {
      errors.push({ column, reason: (error as Error).message });
      return undefined as T;
    }
  };
  const row: RecipientRow = {
    name: rule('name', () => recipientText(r.name ?? '', 'name')),
    householdSize: rule('household_size', () => householdSize(int(r.household_size, 'household_size'))),
    region: rule('region', () => recipientText(r.region ?? '', 'region')),
    priority: rule('priority', () => priority(int(r.priority, 'priority'))),
    // The value is never echoed: a refused phone is personal data too.
    phone: rule('phone', () => assertPhone(r.phone ?? '')),
    address: rule('address', () => {
      const a = (r.address ?? '').trim();
      if (!a || a.length > 500) throw new Error('Give an address of 1 to 500 characters.');
      return a;
    }),
    latitude: rule('latitude', () => coordinate(r.latitude, 90, 'latitude')),
    longitude: rule('longitude', () => coordinate(r.longitude, 180, 'longitude')),
    language: rule('language', () => messageLanguage(r.language || 'en')),
  };
  if ((row.latitude === null) !== (row.longitude === null) && !errors.some((e) => e.column === 'latitude'))
    errors.push({ column: 'latitude', reason: 'Give both latitude and longitude, or neither.' });
  return errors.length ? { errors } : { value: row };
}

/**
 * `POST /imports/recipients`: the families of a campaign, their contact fields encrypted as they are
 * written. Families have no natural key (the phone is stored encrypted), so a file imported twice
 * adds them twice: run it once, or dry-run first.
 */
export const recipientsImport = (privacy: RecipientPrivacy): CsvImport<RecipientRow, null> => ({
  kind: 'recipients',
  requiredColumns: ['name', 'household_size', 'region', 'priority', 'phone', 'address'],
  optionalColumns: ['latitude', 'longitude', 'language'],
  target: async () => null,
  check,
  async insert(tx, rows) {
    const values = rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, now())').join(', ');
    const params = rows.flatMap((r) => {
      const sealed = privacy.seal({
        phone: r.phone,
        address: r.address,
        latitude: r.latitude ?? undefined,
        longitude: r.longitude ?? undefined,
      });
      return [
        newId(),
        r.name,
        r.householdSize,
        r.region,
        r.priority,
        sealed.phoneEncrypted,
        sealed.addressEncrypted,
        sealed.locationEncrypted,
        r.language,
      ];
    });
    await tx.execute(
      `insert into recipient (id, name, household_size, region, priority, phone_encrypted, address_encrypted,
                              location_encrypted, language, created_at) values ${values}`,
      params,
    );
    return rows.map(() => null);
  },
  audit: { scope: 'delivery', entityType: 'Recipient', entityIds: () => [] },
});
