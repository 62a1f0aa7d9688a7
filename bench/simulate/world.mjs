// The people and places of a simulated season day, made through the API as an organizer does: a
// 1447 season, one Karachi site priced for sheep, animals, executors, drivers and reviewers.
import {
  AddAnimalsDocument,
  AddSiteStaffDocument,
  CreateSeasonDocument,
  CreateSiteDocument,
  CreateStaffAccountDocument,
  SetSharePriceDocument,
  SignInDocument,
} from '@qurbani/sdk';
import { randomUUID } from 'node:crypto';
import { Api, until } from './api.mjs';
import { ORGANIZER } from './platform.mjs';

export const SHARE_PRICE = { amountMinor: 25_000, currency: 'PKR' };

async function signIn(gateways, login, password) {
  const { signIn: s } = await new Api(gateways).call(SignInDocument, { login, password });
  return Object.assign(new Api(gateways, s), { id: s.account.id });
}

async function staff(gateways, organizer, siteId, role, siteRole, n) {
  const people = [];
  for (let i = 0; i < n; i++) {
    const login = `${role.toLowerCase()}-${i}-${randomUUID().slice(0, 8)}@sim.qurbani`;
    const password = 'a long staff password';
    await organizer.call(CreateStaffAccountDocument, {
      input: { login, password, displayName: `${role} ${i}`, roles: [role] },
    });
    const person = await signIn(gateways, login, password);
    // The sacrifice subgraph learns of the account from an event: repeat until it knows it.
    if (siteRole)
      await until(
        `${role} ${i} working at the site`,
        async () =>
          !(await organizer.call(AddSiteStaffDocument, { siteId, accountId: person.id, role: siteRole })).errorCode,
        60_000,
        200,
      );
    people.push(person);
  }
  return people;
}

/** Everything the day needs, for `animals` sheep; prices are announced to the donor subgraph by event. */
export async function makeWorld(gateways, { animals, executors = 3, drivers = 3, reviewers = 2 }) {
  const organizer = await signIn(gateways, ORGANIZER.login, ORGANIZER.password);
  const { createSeason } = await organizer.call(CreateSeasonDocument, {
    input: { name: `Simulated Eid 1447 ${randomUUID().slice(0, 6)}`, hijriYear: 1447 },
  });
  const { createSite } = await organizer.call(CreateSiteDocument, {
    input: { seasonId: createSeason.id, name: 'Karachi East', region: 'Sindh', timeZone: 'Asia/Karachi' },
  });
  const siteId = createSite.id;
  await organizer.call(SetSharePriceDocument, { input: { siteId, species: 'SHEEP', ...SHARE_PRICE } });
  for (let left = animals; left > 0; left -= 100) {
    const batch = Array.from({ length: Math.min(100, left) }, () => ({
      tag: `S-${randomUUID().slice(0, 10)}`,
      weightKg: 40,
    }));
    await organizer.call(AddAnimalsDocument, { siteId, species: 'SHEEP', animals: batch });
  }
  return {
    organizer,
    seasonId: createSeason.id,
    siteId,
    executors: await staff(gateways, organizer, siteId, 'EXECUTOR', 'EXECUTOR', executors),
    drivers: await staff(gateways, organizer, siteId, 'DRIVER', 'DRIVER', drivers),
    reviewers: await staff(gateways, organizer, siteId, 'REVIEWER', null, reviewers),
  };
}
