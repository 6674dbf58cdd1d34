import { LambdaInvocation } from '@cdktf/provider-aws/lib/lambda-invocation';
import { Construct } from 'constructs';
import { createHash } from 'node:crypto';
import { seedShops } from '../../platform/seed';
import type { NodejsFunction } from './nodejs-function';

export interface AggregatesReconciliationProps {
  reconcile: NodejsFunction;
}

/**
 * Reconciles the aggregate items with the orders at apply: the first time
 * (a table filled before the aggregates existed gets them; a new one gets its
 * seed orders counted), and whenever the seeded shops change, since the seed
 * is where shops are created and the shop count is recounted here.
 */
export class AggregatesReconciliation extends Construct {
  constructor(scope: Construct, id: string, props: AggregatesReconciliationProps) {
    super(scope, id);
    const seededShops = createHash('sha256')
      .update(JSON.stringify(seedShops.map((shop) => shop.shopId).sort()))
      .digest('hex');
    new LambdaInvocation(this, 'reconcile', {
      functionName: props.reconcile.function.functionName,
      input: JSON.stringify({ mode: 'reconcile' }),
      triggers: { seededShops },
    });
  }
}
