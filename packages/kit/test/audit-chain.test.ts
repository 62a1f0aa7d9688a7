import type { MikroORM } from '@mikro-orm/postgresql';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { audit, AuditRecord, Role, SYSTEM_ACTOR, verifyAuditChain } from '../src/index.js';
import { dropTestOrm, openTestOrm } from './test-orm.js';

describe('the audit chain (real PostgreSQL)', () => {
  let orm: MikroORM;
  const actor = {
    viewer: { id: '01a24157-1ae0-72d7-bb78-e291945cdffc', roles: [Role.ORGANIZER], sessionId: 's' },
    requestId: 'r-1',
  };

  before(async () => {
    orm = await openTestOrm('audit', [AuditRecord], { pool: { min: 0, max: 12 } });
  });
  after(() => dropTestOrm(orm));

  it('refuses to write outside the transaction of a change', async () => {
    await assert.rejects(
      audit(orm.em.fork(), 'kit', actor, { action: 'x', entityType: 'X', entityIds: [] }),
      /inside the change's transaction/,
    );
  });

  it('keeps one unbroken chain when many transactions append at the same moment', async () => {
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        orm.em.fork().transactional((tx) =>
          audit(tx, 'kit', i % 2 ? actor : SYSTEM_ACTOR, {
            action: 'thing.changed',
            entityType: 'Thing',
            entityIds: [`id-${i}`],
            before: { status: 'A', n: i },
            after: { status: 'B', nested: { z: 1, a: [i, 'x'] } },
          }),
        ),
      ),
    );
    // A rolled-back change leaves no record and no gap.
    await orm.em
      .fork()
      .transactional(async (tx) => {
        await audit(tx, 'kit', actor, { action: 'thing.failed', entityType: 'Thing', entityIds: ['x'] });
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    const check = await verifyAuditChain(orm.em.fork());
    assert.deepEqual(check, { valid: true, checked: 24, brokenAtId: null });
    const seqs = (await orm.em.fork().execute<{ seq: string }[]>('select seq from audit_record order by seq')).map(
      (r) => Number(r.seq),
    );
    assert.deepEqual(
      seqs,
      Array.from({ length: 24 }, (_, i) => i + 1),
    );
  });

  it('shows an edited record at that record', async () => {
    const em = orm.em.fork();
    const [third] = await em.execute<{ id: string }[]>('select id from audit_record where seq = 3');
    await em.execute(`update audit_record set after = '{"status":"C"}' where seq = 3`);
    assert.deepEqual(await verifyAuditChain(orm.em.fork()), { valid: false, checked: 2, brokenAtId: third!.id });
  });
});
