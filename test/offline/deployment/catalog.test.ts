import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourceTypes } from '../../../offline/deployment/catalog';
import { testStacksDirectory } from '../../support/test-stacks';

/** Every resource type the synthesized stacks use, with the stack that uses it. */
function typesInStacks(directory: string): Map<string, string> {
  const types = new Map<string, string>();
  for (const stack of readdirSync(join(directory, 'stacks'))) {
    const config = JSON.parse(readFileSync(join(directory, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as { resource?: Record<string, unknown> };
    for (const type of Object.keys(config.resource ?? {})) types.set(type, stack);
  }
  return types;
}

describe('the resource types of the synthesized stacks', () => {
  const types = typesInStacks(testStacksDirectory());

  it('are each emulated, or declared not emulated with a reason', () => {
    const unknown = [...types].filter(([type]) => !resourceTypes.has(type)).map(([type, stack]) => `${stack}: ${type}`);
    expect(unknown).toEqual([]);
    for (const type of resourceTypes.values()) {
      if (!type.emulated) expect(type.reason.length).toBeGreaterThan(20);
    }
  });

  it("are the ones the runtime runs: everything but log groups, the API Gateway account setting and the web stack's bucket settings and CloudFront is emulated", () => {
    const notEmulated = [...types.keys()].filter((type) => resourceTypes.get(type)?.emulated === false).sort();
    expect(notEmulated).toEqual([
      'aws_api_gateway_account',
      'aws_cloudfront_distribution',
      'aws_cloudfront_origin_access_control',
      'aws_cloudfront_response_headers_policy',
      'aws_cloudwatch_log_group',
      'aws_s3_bucket',
      'aws_s3_bucket_ownership_controls',
      'aws_s3_bucket_policy',
      'aws_s3_bucket_public_access_block',
      'aws_s3_bucket_server_side_encryption_configuration',
    ]);
    // The bucket's objects are the static site the runtime serves.
    expect(resourceTypes.get('aws_s3_object')?.emulated).toBe(true);
    expect(types.size).toBeGreaterThanOrEqual(20);
  });
});
