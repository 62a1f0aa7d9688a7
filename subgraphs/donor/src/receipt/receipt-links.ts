import { DOCUMENTS_PATH, LinkSigner } from '@qurbani/kit';
import type { DocumentLanguage } from '@qurbani/documents';
import { createHmac } from 'node:crypto';

/** Where receipts are served: `/documents/receipts/<paymentId>/<lang>/<exp>/<sig>/receipt.pdf`. */
export const RECEIPTS_PATH = `${DOCUMENTS_PATH}/receipts`;

/** A signed receipt link and when it stops working. */
export interface SignedReceipt {
  readonly url: string;
  readonly expiresAt: Date;
}

/**
 * Signs receipt links with the kit's `LinkSigner`, keyed apart from playback links (derived from
 * the internal secret under another label), so a video signature never opens a receipt.
 */
export class ReceiptLinks {
  readonly signer: LinkSigner;

  constructor(
    internalSecret: string,
    ttlSeconds: number,
    /** Origin of the links put in messages (an e-mail needs a full URL); API links stay paths. */
    private readonly publicBase: string,
    now?: () => Date,
  ) {
    const key = createHmac('sha256', internalSecret).update('qurbani-documents-v1').digest('base64url');
    this.signer = new LinkSigner(key, ttlSeconds, now);
  }

  /** A link for the API: a path on the gateway's origin, valid for the configured lifetime. */
  sign(paymentId: string, language: DocumentLanguage, ttlSeconds?: number, origin = ''): SignedReceipt {
    const { exp, sig, expiresAt } = this.signer.sign(['receipt', paymentId, language], ttlSeconds);
    return { url: `${origin}${RECEIPTS_PATH}/${paymentId}/${language}/${exp}/${sig}/receipt.pdf`, expiresAt };
  }

  /** A full URL for a message, valid for `ttlSeconds`. */
  signForMessage(paymentId: string, language: DocumentLanguage, ttlSeconds: number): SignedReceipt {
    return this.sign(paymentId, language, ttlSeconds, this.publicBase.replace(/\/+$/, ''));
  }
}
