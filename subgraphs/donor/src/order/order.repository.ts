import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { pageWindow, toConnection, type Connection, type PageArgs } from '@qurbani/kit';
import { Order } from './order.entity.js';
import type { OrderStatus } from './order.enums.js';

/** Newest first: ids are UUIDv7, so "after" a cursor means an older (smaller) id. */
async function page(em: EntityManager, where: FilterQuery<Order>, args: PageArgs): Promise<Connection<Order>> {
  const { limit, afterId } = pageWindow(args);
  const rows = await em.find(
    Order,
    afterId ? { $and: [where, { id: { $lt: afterId } }] } : where,
    { orderBy: { id: 'desc' }, limit: limit + 1 },
  );
  return toConnection(rows, args);
}

export const ordersOfDonor = (em: EntityManager, donorId: string, args: PageArgs) => page(em, { donorId }, args);

export const allOrders = (em: EntityManager, args: PageArgs, status?: OrderStatus) => page(em, status ? { status } : {}, args);
