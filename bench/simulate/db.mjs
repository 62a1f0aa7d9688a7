// Read-only access to the run's databases: the lookups a client makes after an ambiguous answer
// (`existing()` in api.mjs), and the raw rows the effect count (count.mjs) checks.
import pg from 'pg';

export function openDatabases(baseUrl, dbNames) {
  const pools = Object.fromEntries(
    Object.entries(dbNames).map(([name, db]) => [name, new pg.Pool({ connectionString: `${baseUrl}/${db}`, max: 2 })]),
  );
  const rows = async (name, sql, params = []) => (await pools[name].query(sql, params)).rows;
  const one = async (name, sql, params) => (await rows(name, sql, params))[0] ?? null;
  return {
    rows,
    paymentOf: (orderId) =>
      one('donor', 'select id from payment where order_id = $1', [orderId]).then((r) => r && { recordPayment: r }),
    videoOf: (sacrificeId) =>
      one('video', 'select id from video where sacrifice_id = $1 order by attempt desc limit 1', [sacrificeId]).then(
        (r) => r && { requestVideoUpload: r },
      ),
    hideOf: (sacrificeId) =>
      one('skin', 'select id from hide where sacrifice_id = $1', [sacrificeId]).then((r) => r && { recordHide: r }),
    packOf: (sacrificeId) =>
      one('delivery', 'select id from meat_pack where sacrifice_id = $1', [sacrificeId]).then(
        (r) => r && { createMeatPacks: [r] },
      ),
    deliveryOf: (packId) =>
      one('delivery', 'select id from delivery where pack_id = $1', [packId]).then(
        (r) => r && { createDelivery: { pin: null, delivery: r } },
      ),
    routeOf: (deliveryId) =>
      one('delivery', 'select route_id as id from delivery where id = $1 and route_id is not null', [deliveryId]).then(
        (r) => r && { buildRoute: r },
      ),
    close: () => Promise.all(Object.values(pools).map((p) => p.end())),
  };
}
