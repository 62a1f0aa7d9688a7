export { audit, auditHash, SYSTEM_ACTOR, verifyAuditChain } from './audit-chain.js';
export type { AuditActor, AuditChainCheck, AuditEntry } from './audit-chain.js';
export { AuditRecord } from './audit-record.entity.js';
export { findAuditRecords } from './audit-trail.js';
export type { AuditFilter } from './audit-trail.js';
export { auditResolver, AuditChainStatus } from './audit.resolver.js';
