import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** This subgraph's copy of a staff account's roles, from identity's `account.roles-set` (ids and roles only). */
@Entity({ tableName: 'staff_account' })
export class StaffAccount {
  @PrimaryKey({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'text[]' })
  roles: string[] = [];

  @Property({ type: 'boolean' })
  disabled: boolean = false;

  @Property({ type: 'timestamptz' })
  updatedAt: Opt<Date> = new Date();
}
