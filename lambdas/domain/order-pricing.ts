import type { OrderLine, ProductRecord } from '../../platform/table';

/**
 * Turning what a customer asked for into priced order lines. Prices come only
 * from the stored catalogue; the request carries product ids and quantities.
 */
export type RequestedItem = {
  productId: string;
  quantity: number;
};

/** The first product id that appears twice. Such orders are refused rather than merged: merging could silently pass the per-line quantity bound. */
export function duplicateProductId(items: readonly RequestedItem[]): string | undefined {
  const seen = new Set<string>();
  for (const { productId } of items) {
    if (seen.has(productId)) return productId;
    seen.add(productId);
  }
  return undefined;
}

export type PricedOrder = { ok: true; lines: OrderLine[]; amount: number } | { ok: false; missingProductId: string };

export function priceOrder(items: readonly RequestedItem[], catalogue: ReadonlyMap<string, ProductRecord>): PricedOrder {
  const lines: OrderLine[] = [];
  for (const { productId, quantity } of items) {
    const product = catalogue.get(productId);
    if (!product) return { ok: false, missingProductId: productId };
    lines.push({ productId, name: product.name, quantity, price: product.price });
  }
  const amount = lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
  return { ok: true, lines, amount };
}
