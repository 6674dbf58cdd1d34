import { reconcileAggregates, verifyAggregates, type ReconciliationMode } from '../domain/aggregate-reconciliation';
import { productionDependencies } from '../shared/dependencies';
import { logger } from '../shared/observability';
import { taskHandler } from '../shared/task-handler';

/**
 * Recounts the shops' sales and the platform's figures from the orders.
 * `{"mode":"reconcile"}` corrects the aggregate items (Terraform runs it at
 * apply, so tables filled before the aggregates existed get them);
 * `{"mode":"verify"}` only reports differences. Safe while orders are placed.
 */
const modes: readonly ReconciliationMode[] = ['reconcile', 'verify'];

function modeOf(event: unknown): ReconciliationMode {
  const mode = typeof event === 'object' && event !== null && 'mode' in event ? event.mode : undefined;
  const known = modes.find((candidate) => candidate === mode);
  if (known === undefined) {
    throw new Error(`The event must be {"mode":"reconcile"} or {"mode":"verify"}; got ${JSON.stringify(event) ?? 'nothing'}`);
  }
  return known;
}

export const reconcileAggregatesHandler = taskHandler('reconcileAggregates', async ({ event, deps }) => {
  const mode = modeOf(event);
  const report = mode === 'reconcile' ? await reconcileAggregates(deps.table) : await verifyAggregates(deps.table);
  if (report.consistent) logger.info('Aggregates match the orders', { mode, rounds: report.rounds });
  else logger.warn('Aggregates differed from the orders', { mode, differences: report.differenceCount, corrected: report.corrected });
  return report;
});

export const handler = reconcileAggregatesHandler(productionDependencies);
