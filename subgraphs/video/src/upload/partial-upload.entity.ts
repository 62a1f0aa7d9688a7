import { BigIntType, type Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

export enum PartialUploadKind {
  /** A resumable upload; the id is the tus upload id. */
  TUS = 'TUS',
  /** A one-request GraphQL multipart file; the id names its scratch file. */
  MULTIPART = 'MULTIPART',
}

/**
 * Room taken by an unfinished upload, counted against its executor's quota and the upload
 * directory's budget. Reserved at its declared size before any byte is stored, released when the
 * upload is recorded, refused, cancelled, or expires.
 */
@Entity({ tableName: 'partial_upload' })
@Index({ properties: ['executorId', 'expiresAt'] })
export class PartialUpload {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  executorId!: string;

  @Enum({ items: () => PartialUploadKind, type: 'text' })
  kind!: PartialUploadKind;

  @Property({ type: new BigIntType('number') })
  sizeBytes!: number;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Index()
  @Property({ type: 'timestamptz' })
  expiresAt!: Date;
}
