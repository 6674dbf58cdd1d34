import { rotateShopToken } from '../domain/shop-token-rotation';
import { allShopIds } from '../domain/shops';
import { productionDependencies } from '../shared/dependencies';
import { countMetric, logger, metricNames } from '../shared/observability';
import { taskHandler } from '../shared/task-handler';

/**
 * Scheduled rotation of every shop's token (EventBridge), also invoked once
 * with an empty event after a deploy to give seeded shops their first token.
 * The event's content is not used. A shop that fails is logged and counted
 * and the others still rotate: failing the whole run would make EventBridge
 * retry it for every shop. A shop whose previous token is still in its grace
 * window (its owner rotated moments ago, or this is a retried run) is left as
 * it is and counted as recently rotated.
 */
export interface RotationSummary {
  rotated: number;
  recentlyRotated?: number;
  failed?: number;
}

const parallelRotations = 10;

export const rotateAllShopTokens = taskHandler('rotateAllShopTokens', async ({ deps }): Promise<RotationSummary> => {
  const rotation = { nowMs: deps.clock(), graceMs: deps.shopTokenGraceMs };
  let rotated = 0;
  let failed = 0;
  let recentlyRotated = 0;
  const rotateOne = async (shopId: string) => {
    try {
      const result = await rotateShopToken(deps.table, shopId, rotation);
      if (result.outcome === 'rotated') rotated += 1;
      if (result.outcome === 'too-soon') recentlyRotated += 1;
    } catch (error) {
      failed += 1;
      logger.error('Shop token rotation failed', { shopId, error: error instanceof Error ? error : String(error) });
    }
  };
  let batch: Promise<void>[] = [];
  for await (const shopId of allShopIds(deps.table)) {
    batch.push(rotateOne(shopId));
    if (batch.length === parallelRotations) {
      await Promise.all(batch);
      batch = [];
    }
  }
  await Promise.all(batch);
  countMetric(metricNames.shopTokensRotated, rotated);
  logger.info('Shop tokens rotated', { rotated, recentlyRotated, failed });
  return { rotated, ...(recentlyRotated > 0 ? { recentlyRotated } : {}), ...(failed > 0 ? { failed } : {}) };
});

export const handler = rotateAllShopTokens(productionDependencies);
