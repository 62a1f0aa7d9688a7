import { registerEnumType } from 'type-graphql';

/** The work a staff account does at a site; each needs the account role of the same name. */
export enum SiteRole {
  EXECUTOR = 'EXECUTOR',
  DRIVER = 'DRIVER',
}

registerEnumType(SiteRole, { name: 'SiteRole', description: 'The work a staff account does at a site.' });
