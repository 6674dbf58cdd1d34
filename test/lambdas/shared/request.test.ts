import { HttpError } from '../../../lambdas/shared/http-error';
import { maxJsonBodyBytes, readJsonBody, readParameters } from '../../../lambdas/shared/request';
import { getShopRequest, listMyOrdersRequest, placeOrderRequest } from '../../../lambdas/shared/request-rules.generated';
import { apiGatewayEvent, guest, jsonPost } from '../../support/api-gateway-event';

const refusal = (work: () => unknown): { statusCode: number; message: string } => {
  try {
    work();
  } catch (error) {
    if (error instanceof HttpError) return { statusCode: error.statusCode, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
};

const order = { shopId: '0001', phoneNumber: '+41791234567', name: 'Ada', items: [{ productId: '0011', quantity: 1 }] };

describe('readParameters', () => {
  it('reads headers case-insensitively and converts integers', () => {
    const event = jsonPost('/order', order, guest(), { query: { shopToken: 'K7QX4M2PZ9' }, headers: { 'idempotency-key': 'lower-case-key' } });
    expect(readParameters(event, placeOrderRequest)).toEqual({ shopToken: 'K7QX4M2PZ9', 'Idempotency-Key': 'lower-case-key' });
    const page = apiGatewayEvent({ method: 'GET', resource: '/orders', query: { limit: '42' }, identity: guest() });
    expect(readParameters(page, listMyOrdersRequest)).toEqual({ limit: 42, nextToken: undefined });
  });

  it('validates path parameters against their schema', () => {
    const event = apiGatewayEvent({ method: 'GET', resource: '/shop/{id}', pathParameters: { id: 'x'.repeat(65) }, identity: guest() });
    expect(refusal(() => readParameters(event, getShopRequest))).toEqual({
      statusCode: 400,
      message: `Invalid path parameter 'id': must match pattern "^[A-Za-z0-9_-]{1,64}$"`,
    });
  });

  it('refuses a parameter given twice even when API Gateway kept only one in queryStringParameters', () => {
    const event = apiGatewayEvent({ method: 'GET', resource: '/orders', query: { limit: ['5', '5'] }, identity: guest() });
    expect(event.queryStringParameters).toEqual({ limit: '5' });
    expect(refusal(() => readParameters(event, listMyOrdersRequest))).toEqual({ statusCode: 400, message: "Query parameter 'limit' must be given at most once" });
  });

  it('refuses a header sent twice', () => {
    const event = jsonPost('/order', order, guest(), { query: { shopToken: 'K7QX4M2PZ9' }, headers: { 'Idempotency-Key': 'first-key-1', 'IDEMPOTENCY-KEY': 'second-key' } });
    expect(refusal(() => readParameters(event, placeOrderRequest)).statusCode).toBe(400);
  });
});

describe('readJsonBody', () => {
  it('accepts any spelling of the JSON media type', () => {
    const event = jsonPost('/order', order, guest(), { headers: { 'Content-Type': 'Application/JSON;Charset="utf-8"' } });
    expect(readJsonBody(event, placeOrderRequest)).toEqual(order);
  });

  it('does not let __proto__ through as a property', () => {
    const event = jsonPost('/order', `{"__proto__":{"admin":true},${JSON.stringify(order).slice(1)}`, guest());
    expect(refusal(() => readJsonBody(event, placeOrderRequest))).toEqual({
      statusCode: 400,
      message: "Invalid request body: must NOT have additional property '__proto__'",
    });
  });

  it('refuses a body over the size bound before parsing it, even when it is a valid order padded with whitespace', () => {
    const padded = (size: number) => {
      const text = JSON.stringify(order);
      return `{${' '.repeat(size - text.length)}${text.slice(1)}`;
    };
    expect(readJsonBody(jsonPost('/order', padded(maxJsonBodyBytes), guest()), placeOrderRequest)).toEqual(order);
    expect(refusal(() => readJsonBody(jsonPost('/order', padded(maxJsonBodyBytes + 1), guest()), placeOrderRequest))).toEqual({
      statusCode: 400,
      message: `Request body must not be larger than ${maxJsonBodyBytes} bytes`,
    });
    // A base64-encoded body is measured decoded: its text is a third longer than the bound.
    const encoded = jsonPost('/order', Buffer.from(padded(maxJsonBodyBytes)).toString('base64'), guest());
    encoded.isBase64Encoded = true;
    expect(readJsonBody(encoded, placeOrderRequest)).toEqual(order);
  });

  it('names the first problem with a JSON pointer', () => {
    const event = jsonPost('/order', { ...order, items: [{ productId: '0011', quantity: 1 }, { productId: '0012' }] }, guest());
    expect(refusal(() => readJsonBody(event, placeOrderRequest))).toEqual({
      statusCode: 400,
      message: "Invalid request body: /items/1 must have required property 'quantity'",
    });
  });
});
