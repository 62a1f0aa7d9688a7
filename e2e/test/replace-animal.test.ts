import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@qurbani/kit/testing';
import {
  MyAssignedSacrificesDocument,
  MyNotificationsDocument,
  ReplaceAnimalDocument,
  type ApiResult,
} from '@qurbani/sdk';
import { addAnimals, performSacrifice, type Actor } from './support/season.js';
import { startSystem, type System } from './support/system.js';
import { allocatedOrder, trackingWorld, type TrackingWorld } from './support/tracking.js';

const codeOf = (result: ApiResult<unknown>) => result.errors?.[0]?.extensions?.code;

describe('an allocated animal that falls ill or dies is replaced before its sacrifice', () => {
  let system: System;
  let world: TrackingWorld;
  const sacrificeDb = (sql: string, params: unknown[]) =>
    system.subgraphs
      .sacrifice!.orm.em.fork()
      .getConnection()
      .execute(sql, params as never[]);
  const replace = (animalId: string, replacementId: string, actor: Actor = world.organizer) =>
    actor.client.execute(ReplaceAnimalDocument, { animalId, replacementId, reason: 'lame since this morning' });
  const taskAnimal = async (sacrificeId: string) => {
    const { mySacrifices } = await world.executor.client.request(MyAssignedSacrificesDocument, { first: 100 });
    return mySacrifices.edges.find((e) => e.node.id === sacrificeId)!.node.animal;
  };

  before(async () => {
    system = await startSystem();
    world = await trackingWorld(system);
  });
  after(async () => {
    await system?.close();
  });

  it('moves the shares to another animal: the executor sees it, the donor is told, the old one is set aside', async () => {
    const { donor, sacrificeId } = await allocatedOrder(system, world);
    const old = await taskAnimal(sacrificeId);
    const [spare] = await addAnimals(world.organizer, world.siteId, 'SHEEP', 1);

    const replaced = await replace(old.id, spare!);
    assert.equal(replaced.errors, undefined, JSON.stringify(replaced.errors));
    assert.deepEqual(
      [replaced.data!.replaceAnimal.id, replaced.data!.replaceAnimal.status, replaced.data!.replaceAnimal.animal.id],
      [sacrificeId, 'ASSIGNED', spare],
    );
    assert.equal((await taskAnimal(sacrificeId)).id, spare, "the executor's task shows the new animal");
    const [oldRow] = (await sacrificeDb('select status, unfit_reason from animal where id = ?', [old.id])) as {
      status: string;
      unfit_reason: string;
    }[];
    assert.deepEqual([oldRow!.status, oldRow!.unfit_reason], ['UNFIT', 'lame since this morning']);
    await eventually(async () => {
      const { myNotifications } = await donor.client.request(MyNotificationsDocument, { first: 50 });
      return myNotifications.edges.some((e) => e.node.kind === 'ANIMAL_REPLACED');
    });
    const audits = await sacrificeDb(
      `select 1 from audit_record where action = 'animal.replaced' and ? = any(entity_ids)`,
      [sacrificeId],
    );
    assert.equal(audits.length, 1);
  });

  it('refuses another species, an animal that is not available, the same animal, a performed sacrifice and non-organizers', async () => {
    const { donor, sacrificeId } = await allocatedOrder(system, world);
    const current = await taskAnimal(sacrificeId);
    const [cow] = await addAnimals(world.organizer, world.siteId, 'COW', 1);
    const [spare] = await addAnimals(world.organizer, world.siteId, 'SHEEP', 1);
    assert.equal(codeOf(await replace(current.id, cow!)), 'BAD_USER_INPUT', 'a cow for a sheep');
    assert.equal(codeOf(await replace(current.id, current.id)), 'BAD_USER_INPUT', 'itself');
    const [unfit] = (await sacrificeDb(`select id from animal where status = 'UNFIT' limit 1`, [])) as { id: string }[];
    if (unfit) assert.equal(codeOf(await replace(current.id, unfit.id)), 'CONFLICT', 'an unfit animal');
    assert.equal(codeOf(await replace(spare!, current.id)), 'CONFLICT', 'an animal with no shares has nothing to move');
    for (const actor of [donor, world.executor])
      assert.equal(codeOf(await replace(current.id, spare!, actor)), 'FORBIDDEN');
    assert.equal(codeOf(await replace('nope', spare!)), 'BAD_USER_INPUT');
    await performSacrifice(system, world.executor, sacrificeId);
    assert.equal(codeOf(await replace(current.id, spare!)), 'CONFLICT', 'the names were said over this animal');
    assert.equal((await taskAnimal(sacrificeId)).id, current.id, 'nothing moved');
  });
});
