import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { type Connection, findPage, type PageArgs, selectedFields } from '@qurbani/kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Order } from './order.entity.js';
import type { OrderStatus } from './order.enums.js';

/** Newest first; `fields`: only those of each order (`orderFields`). */
const page = (
  em: EntityManager,
  where: FilterQuery<Order>,
  args: PageArgs,
  fields?: readonly string[],
): Promise<Connection<Order>> => findPage(em, Order, where, args, { newestFirst: true, fields });

export const ordersOfDonor = (em: EntityManager, donorId: string, args: PageArgs, fields?: readonly string[]) =>
  page(em, { donorId }, args, fields);

/** The fields of `Order` a narrow read serves, each with what it reads of the row (`selectedFields`). */
const ORDER_READS = {
  id: ['id'],
  species: ['species'],
  shareCount: ['shareCount'],
  status: ['status'],
  paymentStatus: ['paymentStatus'],
  shares: ['shares'],
  donor: ['donorId'],
  payments: ['id'],
};

/** The fields of the orders of a connection resolved at `info`. */
export const orderFields = (info: GraphQLResolveInfo) =>
  selectedFields(info, { reads: ORDER_READS, path: ['edges', 'node'] });

export const allOrders = (em: EntityManager, args: PageArgs, status?: OrderStatus) =>
  page(em, status ? { status } : {}, args);
