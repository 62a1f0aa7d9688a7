/**
 * A proof photo is a real JPEG or PNG: judged by its bytes (the first and the last), never by the
 * name or the Content-Type the phone sent. A file cut short in transit lacks its end marker.
 */
export type PhotoType = 'image/jpeg' | 'image/png';

const PNG_START = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// The IEND chunk: zero length, type, CRC.
const PNG_END = Buffer.from([0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
/** Bytes of each end the rules need. */
export const SIGNATURE_BYTES = 16;

/** The type the first bytes say, or null for anything else. */
export function photoTypeOf(head: Buffer): PhotoType | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.subarray(0, PNG_START.length).equals(PNG_START)) return 'image/png';
  return null;
}

/** Whether the last bytes close the image: JPEG's EOI marker (a few padding bytes allowed), PNG's IEND. */
export function photoIsComplete(type: PhotoType, tail: Buffer): boolean {
  if (type === 'image/png') return tail.subarray(tail.length - PNG_END.length).equals(PNG_END);
  const end = tail.lastIndexOf(Buffer.from([0xff, 0xd9]));
  return end >= 0 && tail.subarray(end + 2).every((b) => b === 0x00 || b === 0x0a || b === 0x0d);
}
