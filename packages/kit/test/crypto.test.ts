import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FieldCipher, sha256 } from '../src/index.js';

const cipher = new FieldCipher('test-pii-key-0123456789abcdef0123456789abcdef');

describe('personal data at rest (FieldCipher)', () => {
  it('gives back what it stored, and the stored form does not show it', () => {
    const stored = cipher.encrypt('+212612345678');
    assert.match(stored, /^v1\./);
    assert.doesNotMatch(stored, /212612345678/);
    assert.equal(cipher.decrypt(stored), '+212612345678');
    assert.equal(
      cipher.decrypt(cipher.encrypt('12 Rue des Oliviers, Casablanca — ٢')),
      '12 Rue des Oliviers, Casablanca — ٢',
    );
  });

  it('stores the same phone differently each time (no way to tell two donors share a number)', () => {
    assert.notEqual(cipher.encrypt('+212612345678'), cipher.encrypt('+212612345678'));
  });

  it('refuses a stored value that was altered, even by one character', () => {
    const [version, iv, tag, body] = cipher.encrypt('+212612345678').split('.');
    const flipped = Buffer.from(body!, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    assert.throws(() => cipher.decrypt([version, iv, tag, flipped.toString('base64')].join('.')));
  });

  it('refuses to read with another key, or an unknown format', () => {
    const stored = cipher.encrypt('+212612345678');
    assert.throws(() => new FieldCipher('another-key-0123456789abcdef0123456789abcdef').decrypt(stored));
    assert.throws(() => cipher.decrypt('+212612345678'), /unknown ciphertext format/);
    assert.throws(() => cipher.decrypt(stored.replace(/^v1/, 'v2')), /unknown ciphertext format/);
  });

  it('digests one-way and stably', () => {
    assert.equal(sha256('1234'), '03ac674216f3e15c761ee1a5e255f067953623c8b388b4459e13f978d7c846f4');
  });
});
