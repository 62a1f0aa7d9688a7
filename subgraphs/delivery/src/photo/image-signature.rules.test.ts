import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { photoIsComplete, photoTypeOf } from './image-signature.rules.js';

const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1]);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
const iend = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

describe('a proof photo is a JPEG or PNG by its bytes', () => {
  it('knows JPEG and PNG by their first bytes, and nothing else', () => {
    assert.equal(photoTypeOf(jpeg), 'image/jpeg');
    assert.equal(photoTypeOf(png), 'image/png');
    assert.equal(photoTypeOf(Buffer.from('GIF89a....')), null);
    assert.equal(photoTypeOf(Buffer.from('<svg xmlns=')), null);
    assert.equal(photoTypeOf(Buffer.from([0xff, 0xd8])), null, 'too short to tell');
  });

  it('refuses an image cut short: no end marker', () => {
    assert.equal(photoIsComplete('image/jpeg', Buffer.from([1, 2, 3, 0xff, 0xd9])), true);
    assert.equal(photoIsComplete('image/jpeg', Buffer.from([1, 2, 0xff, 0xd9, 0, 0])), true, 'padding after EOI');
    assert.equal(photoIsComplete('image/jpeg', Buffer.from([1, 2, 3, 4, 5])), false);
    assert.equal(photoIsComplete('image/jpeg', Buffer.from([0xff, 0xd9, 7, 7])), false);
    assert.equal(photoIsComplete('image/png', Buffer.concat([Buffer.from([9, 9]), iend])), true);
    assert.equal(photoIsComplete('image/png', iend.subarray(0, 10)), false);
  });
});
