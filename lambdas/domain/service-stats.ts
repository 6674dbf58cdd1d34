import type { Table } from '../shared/table';
import { readPlatformCounterItems, sumPlatformCounters } from './platform-counters';

export interface ServiceStats {
  totalNumberOfShops: number;
  averageNumberOfOrdersPerShop: number;
  totalNumberOfCustomers: number;
  averageNumberOfOrdersPerCustomer: number;
}

export interface PlatformCounts {
  shops: number;
  orders: number;
  /** Distinct customers with at least one order. */
  customers: number;
}

export function statsFromCounts({ shops, orders, customers }: PlatformCounts): ServiceStats {
  return {
    totalNumberOfShops: shops,
    averageNumberOfOrdersPerShop: shops === 0 ? 0 : orders / shops,
    totalNumberOfCustomers: customers,
    averageNumberOfOrdersPerCustomer: customers === 0 ? 0 : orders / customers,
  };
}

/** The platform's figures from its aggregate items: a fixed number of reads, whatever the number of orders. */
export async function serviceStats(table: Table): Promise<ServiceStats> {
  return statsFromCounts(sumPlatformCounters(await readPlatformCounterItems(table)));
}
