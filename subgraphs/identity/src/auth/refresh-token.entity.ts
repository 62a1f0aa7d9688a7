import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';

/**
 * One refresh token. Tokens of one sign-in share a `familyId`; each refresh uses one up and issues
 * the next. Presenting a used one means it was stolen or replayed: the whole family is revoked.
 */
@Entity({ tableName: 'refresh_token' })
export class RefreshToken {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Index()
  @Property({ type: 'uuid' })
  familyId!: string;

  /** Indexed for disableAccount, which ends every sign-in of one account. */
  @Index()
  @Property({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'text', unique: true })
  tokenDigest!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  usedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
