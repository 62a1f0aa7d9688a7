import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { type Connection, findPage, type PageArgs } from '@qurbani/kit';
import { Order } from './order.entity.js';
import type { OrderStatus } from './order.enums.js';

/** Newest first. */
const page = (em: EntityManager, where: FilterQuery<Order>, args: PageArgs): Promise<Connection<Order>> =>
  findPage(em, Order, where, args, { newestFirst: true });

export const ordersOfDonor = (em: EntityManager, donorId: string, args: PageArgs) => page(em, { donorId }, args);

export const allOrders = (em: EntityManager, args: PageArgs, status?: OrderStatus) =>
  page(em, status ? { status } : {}, args);
