import { listOperations } from '../../../openapi/document';
import { loadApiDefinition } from '../../../openapi/load';
import { apiGatewayBody } from '../../../stacks/constructs/api-gateway-body';

describe('apiGatewayBody', () => {
  const source = loadApiDefinition();
  const body = apiGatewayBody(source, (operationId) => `arn:invoke:${operationId}`);

  it('adds a Lambda proxy integration to every operation', () => {
    for (const { operation } of listOperations(body)) {
      expect((operation as unknown as Record<string, unknown>)['x-amazon-apigateway-integration']).toEqual({
        type: 'aws_proxy',
        httpMethod: 'POST',
        uri: `arn:invoke:${operation.operationId}`,
        passthroughBehavior: 'when_no_match',
      });
    }
  });

  it('inlines shared parameters and responses but keeps schema references', () => {
    const products = body.paths['/products']!.get!;
    expect(products.parameters).toEqual([
      expect.objectContaining({ name: 'shopId', in: 'query', required: true }),
      expect.objectContaining({ name: 'shopToken', in: 'query', required: true }),
    ]);
    expect(products.responses['401']).toMatchObject({ description: expect.any(String) });
    expect(body.components).not.toHaveProperty('parameters');
    expect(body.components).not.toHaveProperty('responses');
    expect(body.components!.schemas).toEqual(source.components!.schemas);
  });

  it('leaves the source definition untouched', () => {
    expect(JSON.stringify(source)).not.toContain('x-amazon-apigateway-integration');
    expect(source.components).toHaveProperty('parameters');
  });
});
