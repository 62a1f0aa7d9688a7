import { eventEntities } from '@qurbani/events';
import { AuditRecord } from '@qurbani/kit';
import { Account } from './account/account.entity.js';
import { RefreshToken } from './auth/refresh-token.entity.js';

export const entities = [AuditRecord, Account, RefreshToken, ...eventEntities];
