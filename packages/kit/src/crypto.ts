import type { DispatchContact } from '@qurbani/events';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for personal data at rest (phones, addresses). The stored form is
 * `v1.<iv>.<tag>.<ciphertext>` so the key can be rotated later by version.
 */
export class FieldCipher {
  private readonly key: Buffer;

  /** `secret` is any operator-provided string of 32+ characters; it is hashed into a 256-bit key. */
  constructor(secret: string) {
    this.key = createHash('sha256').update(secret).digest();
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
  }

  decrypt(stored: string): string {
    const [version, iv, tag, body] = stored.split('.');
    if (version !== 'v1' || !iv || !tag || !body) throw new Error('unknown ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  }
}

/** One-way digest for secrets we only compare (refresh tokens, PINs with a per-row salt). */
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Seals a recipient's addresses for `notification.dispatch` with `NOTIFY_SEAL_KEY`: the retained
 * stream then holds only ciphertext, readable by the notifier and the owners of the data.
 */
export const sealContact = (key: string, contact: DispatchContact): string =>
  new FieldCipher(key).encrypt(JSON.stringify(contact));

/** Opens what {@link sealContact} sealed; throws on another key or a tampered value. */
export const openContact = (key: string, sealed: string): DispatchContact =>
  JSON.parse(new FieldCipher(key).decrypt(sealed)) as DispatchContact;
