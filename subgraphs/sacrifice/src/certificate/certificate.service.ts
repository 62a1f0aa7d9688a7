import type { EntityManager } from '@mikro-orm/postgresql';
import { renderCertificate, type DocumentLanguage } from '@qurbani/documents';
import { Animal } from '../animal/animal.entity.js';
import { Sacrifice } from '../sacrifice/sacrifice.entity.js';
import { OrderShare } from '../share/order-share.entity.js';
import { Site } from '../site/site.entity.js';
import type { CertificateHolder } from './certificate-links.js';
import { certificateNumber, hasCertificate } from './certificate.rules.js';

/** Gathers a performed sacrifice's certificate for one holder and renders it; null when there is none. */
export class CertificateService {
  constructor(
    private readonly charityName: string,
    /** Origin of the proof page the QR code opens (a phone scans it: a full URL). */
    private readonly publicBase: string,
  ) {}

  /** Where the donor watches the blurred proof video of this sacrifice. */
  proofUrl(sacrificeId: string): string {
    return `${this.publicBase.replace(/\/+$/, '')}/proof/${sacrificeId}`;
  }

  async render(
    em: EntityManager,
    sacrificeId: string,
    holder: CertificateHolder,
    language: DocumentLanguage,
  ): Promise<Buffer | null> {
    const sacrifice = await em.findOne(Sacrifice, { id: sacrificeId });
    if (!sacrifice || !hasCertificate(sacrifice)) return null;
    const shares = await em.find(OrderShare, holder === 'all' ? { sacrificeId } : { sacrificeId, donorId: holder }, {
      orderBy: { receivedAt: 'asc', shareId: 'asc' },
    });
    if (!shares.length) return null;
    const [animal, site] = await Promise.all([
      em.findOneOrFail(Animal, { id: sacrifice.animalId }),
      em.findOneOrFail(Site, { id: sacrifice.siteId }),
    ]);
    return renderCertificate(
      {
        number: certificateNumber(sacrifice.id, sacrifice.performedAt!),
        charityName: this.charityName,
        names: shares.map((s) => s.offeredFor),
        species: sacrifice.species,
        animalTag: animal.tag,
        siteName: site.name,
        siteRegion: site.region,
        timeZone: site.timeZone,
        performedAt: sacrifice.performedAt!,
        proofUrl: this.proofUrl(sacrifice.id),
      },
      language,
    );
  }
}
