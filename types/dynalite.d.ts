/** dynalite ships no types; this is the part the offline runtime uses. */
declare module 'dynalite' {
  import type { Server } from 'node:http';

  interface DynaliteOptions {
    /** LevelDB directory; in memory when absent. */
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
  }

  function dynalite(options?: DynaliteOptions): Server;
  export = dynalite;
}

/** dynalite's request validation, reused to validate each operation of a transaction as dynalite validates it alone. */
declare module 'dynalite/validations' {
  export function checkTypes(data: Record<string, unknown>, types: Record<string, unknown>): Record<string, unknown>;
  export function checkValidations(
    data: Record<string, unknown>,
    types: Record<string, unknown>,
    custom: ((data: Record<string, unknown>, store: { options: { maxItemSize: number } }) => string | undefined) | undefined,
    store: { options: { maxItemSize: number } },
  ): void;
}

declare module 'dynalite/validations/putItem' {
  export const types: Record<string, unknown>;
  export function custom(data: Record<string, unknown>, store: { options: { maxItemSize: number } }): string | undefined;
}

declare module 'dynalite/validations/updateItem' {
  export const types: Record<string, unknown>;
  export function custom(data: Record<string, unknown>, store: { options: { maxItemSize: number } }): string | undefined;
}

declare module 'dynalite/validations/deleteItem' {
  export const types: Record<string, unknown>;
  export function custom(data: Record<string, unknown>, store: { options: { maxItemSize: number } }): string | undefined;
}

declare module 'dynalite/validations/getItem' {
  export const types: Record<string, unknown>;
  export function custom(data: Record<string, unknown>, store: { options: { maxItemSize: number } }): string | undefined;
}

/** dynalite's condition check and capacity arithmetic, applied to a transaction's items as dynalite applies them to one. */
declare module 'dynalite/db' {
  /** null or undefined when the (validated) request's condition holds for the item, else the error dynalite would answer. */
  export function checkConditional(data: Record<string, unknown>, existingItem: Record<string, unknown> | undefined): Error | null | undefined;
  /** Capacity units one read (4 KB units) or write (1 KB units) of the item costs; 1 when there is no item. */
  /** An item's size in bytes as DynamoDB counts it (names plus values). */
  export function itemSize(item: Record<string, unknown>): number;
  export function capacityUnits(item: Record<string, unknown> | undefined, isRead: boolean, isConsistent: boolean): number;
}
