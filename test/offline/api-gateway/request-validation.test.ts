import { ApiGatewayRequestValidator, type ValidatedRequest } from '../../../offline/api-gateway/request-validation';
import { findOperation } from '../../../openapi/document';
import { testDeployment } from '../../support/test-stacks';

/** The REST API body as the api stack deploys it. */
const document = testDeployment().restApis[0].document;
const checker = new ApiGatewayRequestValidator(document);
const validator = {
  validate: (operation: Parameters<ApiGatewayRequestValidator['validate']>[0], request: ValidatedRequest) =>
    checker.validate(operation, { parameters: true, body: true }, request),
};
const products = findOperation(document, 'listProducts');
const placeOrder = findOperation(document, 'placeOrder');
const json = { 'content-type': 'application/json' };
const order = { shopId: '0001', phoneNumber: '+41790000004', name: 'Ann', items: [{ productId: '0011', quantity: 1 }] };
const query = (entries: Record<string, string[]>) => new Map(Object.entries(entries));

describe('ApiGatewayRequestValidator', () => {
  it('names every missing or blank required query parameter, as API Gateway does', () => {
    expect(validator.validate(products, { query: query({}), headers: {}, body: Buffer.alloc(0) })).toBe(
      'Missing required request parameters: [shopId, shopToken]',
    );
    expect(
      validator.validate(products, { query: query({ shopId: ['0001'], shopToken: [' '] }), headers: {}, body: Buffer.alloc(0) }),
    ).toBe('Missing required request parameters: [shopToken]');
  });

  it('passes a request with its parameters and leaves their patterns to the Lambda', () => {
    expect(
      validator.validate(products, { query: query({ shopId: ['x'], shopToken: ['y'] }), headers: {}, body: Buffer.alloc(0) }),
    ).toBeUndefined();
  });

  it('checks a JSON body against the model', () => {
    const withToken = query({ shopToken: ['K7QX4M2PZ9'] });
    const send = (body: unknown, headers: Record<string, string> = json) =>
      validator.validate(placeOrder, { query: withToken, headers, body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)) });
    expect(send(order)).toBeUndefined();
    expect(send({ ...order, amount: 1 })).toBe('Invalid request body');
    expect(send({ ...order, items: [{ productId: '0011', quantity: '2' }] })).toBe('Invalid request body');
    expect(send({ ...order, items: [] })).toBe('Invalid request body');
    expect(send('{"shopId":')).toBe('Invalid request body');
    expect(send(order, {})).toBeUndefined();
    expect(send({ ...order, amount: 1 }, {})).toBe('Invalid request body');
  });

  it('does not validate a body of another content type, like API Gateway without a model for it', () => {
    expect(
      validator.validate(placeOrder, {
        query: query({ shopToken: ['K7QX4M2PZ9'] }),
        headers: { 'content-type': 'text/plain' },
        body: Buffer.from('not json'),
      }),
    ).toBeUndefined();
  });

  it("checks only what the method's validator asks for", () => {
    const request = { query: query({}), headers: json, body: Buffer.from('{"amount":1}') };
    expect(checker.validate(placeOrder, { parameters: false, body: true }, request)).toBe('Invalid request body');
    expect(checker.validate(placeOrder, { parameters: true, body: false }, request)).toBe('Missing required request parameters: [shopToken]');
    expect(checker.validate(placeOrder, { parameters: false, body: false }, request)).toBeUndefined();
  });
});
