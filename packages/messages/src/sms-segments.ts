/** How a text travels as SMS: GSM 03.38 7-bit when every character is in it, else UCS-2. */
export interface SmsSize {
  readonly encoding: 'GSM7' | 'UCS2';
  /** Septets (GSM-7, an extension character counts two) or UTF-16 code units (UCS-2). */
  readonly units: number;
  readonly segments: number;
}

// GSM 03.38 basic character set (3GPP TS 23.038 §6.2.1), and the extension table reached by ESC.
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';
const basic = new Set(GSM_BASIC);
const extended = new Set(GSM_EXTENDED);

/** Single-part and per-part limits (a concatenated part loses room to its 6-byte header). */
export const SMS_LIMITS = { GSM7: { single: 160, part: 153 }, UCS2: { single: 70, part: 67 } } as const;

export function smsSize(text: string): SmsSize {
  let septets = 0;
  for (const ch of text) {
    if (basic.has(ch)) septets += 1;
    else if (extended.has(ch)) septets += 2;
    else return sized('UCS2', text.length);
  }
  return sized('GSM7', septets);
}

function sized(encoding: 'GSM7' | 'UCS2', units: number): SmsSize {
  const { single, part } = SMS_LIMITS[encoding];
  return { encoding, units, segments: units <= single ? 1 : Math.ceil(units / part) };
}
