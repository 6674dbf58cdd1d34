import type { TableIndex } from '../../platform/table';
import { listOrdersPage, type OrderPage } from '../domain/order-listing';
import { InvalidPageTokenError } from '../domain/page-token';
import { badRequest } from './http-error';
import type { Table } from './table';

/** `limit` and `nextToken` of a paginated listing. */
export interface PageRequest {
  limit: number;
  nextToken?: string;
}

export const defaultPageSize = 20;

/** From parameters already validated against LimitQuery (1 to 100) and NextTokenQuery. */
export function pageOf(parameters: { limit?: number; nextToken?: string }): PageRequest {
  return { limit: parameters.limit ?? defaultPageSize, nextToken: parameters.nextToken };
}

/** A page of one index partition; a nextToken that does not belong to it is a 400. */
export async function listOrders(
  table: Table,
  request: { index: TableIndex; partition: string; limit: number; nextToken?: string },
): Promise<OrderPage> {
  try {
    return await listOrdersPage(table, request);
  } catch (error) {
    if (error instanceof InvalidPageTokenError) throw badRequest(`Invalid query parameter 'nextToken': ${error.message}`);
    throw error;
  }
}
