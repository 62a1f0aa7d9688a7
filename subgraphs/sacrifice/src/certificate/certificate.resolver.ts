import { forbidden, hasRole, isOrganizer, Role, type SubgraphContext } from '@qurbani/kit';
import { documentLanguage } from '@qurbani/documents';
import { Arg, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Sacrifice } from '../sacrifice/sacrifice.entity.js';
import type { CertificateLinks } from './certificate-links.js';
import { hasCertificate } from './certificate.rules.js';
import { DocumentLink } from './document-link.type.js';

@Resolver(() => Sacrifice)
export class SacrificeCertificateResolver {
  constructor(private readonly links: CertificateLinks) {}

  @FieldResolver(() => DocumentLink, {
    nullable: true,
    description:
      "A signed, expiring link to the sacrifice certificate (PDF): the names, the animal, the site, the local time and a QR code to the blurred proof. A donor's lists the names of their own shares; an organizer's lists every share; anyone else is refused. Null until the sacrifice is PERFORMED (or VERIFIED). In `language` (`en` or `ar`; others get `en`).",
  })
  @Authorized(Role.DONOR, Role.ORGANIZER)
  certificate(
    @Root() sacrifice: Sacrifice,
    @Ctx() ctx: SubgraphContext,
    @Arg('language', () => String, { nullable: true }) language?: string,
  ): DocumentLink | null {
    const viewer = ctx.viewer;
    // The sacrifice may have come through a path another role may see (an executor's, a reviewer's).
    const holder = isOrganizer(viewer)
      ? 'all'
      : hasRole(viewer, Role.DONOR) && sacrifice.donorIds.includes(viewer!.id)
        ? viewer!.id
        : null;
    if (!holder) throw forbidden("Only the sacrifice's donors and organizers get its certificate.");
    if (!hasCertificate(sacrifice)) return null;
    return this.links.sign(sacrifice.id, holder, documentLanguage(language));
  }
}
