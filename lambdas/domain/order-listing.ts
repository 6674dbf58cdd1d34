import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { OrderRecord, TableIndex } from '../../platform/table';
import type { Table } from '../shared/table';
import { toOrderView } from './orders';
import { decodePageToken, encodePageToken } from './page-token';

/** One page of the orders in an index partition (a shop's or a customer's), newest first. */
export interface OrderPage {
  orders: OrderRecord[];
  nextToken?: string;
}

export async function listOrdersPage(
  table: Table,
  request: { index: TableIndex; partition: string; limit: number; nextToken?: string },
): Promise<OrderPage> {
  const { index, partition, limit, nextToken } = request;
  const output = await table.documents.send(
    new QueryCommand({
      TableName: table.name,
      IndexName: index.name,
      KeyConditionExpression: '#partition = :partition',
      ExpressionAttributeNames: { '#partition': index.partitionKey },
      ExpressionAttributeValues: { ':partition': partition },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: nextToken === undefined ? undefined : decodePageToken(index, partition, nextToken),
    }),
  );
  const orders = (output.Items ?? []).map(toOrderView);
  return output.LastEvaluatedKey ? { orders, nextToken: encodePageToken(index, output.LastEvaluatedKey) } : { orders };
}
