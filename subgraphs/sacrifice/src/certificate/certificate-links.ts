import { DOCUMENTS_PATH, LinkSigner } from '@qurbani/kit';
import type { DocumentLanguage } from '@qurbani/documents';
import { createHmac } from 'node:crypto';

/** `/documents/certificates/<sacrificeId>/<holder>/<lang>/<exp>/<sig>/certificate.pdf`. */
export const CERTIFICATES_PATH = `${DOCUMENTS_PATH}/certificates`;

/** Whose names a certificate lists: one donor's shares, or (`all`, for organizers) every share. */
export type CertificateHolder = string | 'all';

/**
 * Signs certificate links with the kit's `LinkSigner` under the documents' key (derived from the
 * internal secret, apart from playback links); the holder is signed too, so a donor's link never
 * opens another donor's names.
 */
export class CertificateLinks {
  readonly signer: LinkSigner;

  constructor(internalSecret: string, ttlSeconds: number, now?: () => Date) {
    const key = createHmac('sha256', internalSecret).update('qurbani-documents-v1').digest('base64url');
    this.signer = new LinkSigner(key, ttlSeconds, now);
  }

  sign(sacrificeId: string, holder: CertificateHolder, language: DocumentLanguage) {
    const { exp, sig, expiresAt } = this.signer.sign(['certificate', sacrificeId, holder, language]);
    return {
      url: `${CERTIFICATES_PATH}/${sacrificeId}/${holder}/${language}/${exp}/${sig}/certificate.pdf`,
      expiresAt,
    };
  }
}
