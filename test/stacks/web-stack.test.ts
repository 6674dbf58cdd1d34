import { synthStacks, policyOf } from '../support/synth-stacks';

/** The optional web stack: the app in a private bucket that only its CloudFront distribution reads. */
const stacks = synthStacks();
const web = stacks.web!;

describe('web stack', () => {
  it('is defined unless SHOP_WEB_STACK=false (and deployed only when named)', () => {
    expect(web).toBeDefined();
    expect(synthStacks({ SHOP_WEB_STACK: 'false' }).web).toBeUndefined();
  });

  it('keeps the bucket private: every public access blocked, ACLs off, encrypted', () => {
    expect(web.resource('aws_s3_bucket_public_access_block')).toMatchObject({
      bucket: web.ref('aws_s3_bucket', 'id'),
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(web.resource('aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
    expect(web.resource('aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }]);
  });

  it('lets only its distribution read the bucket, through origin access control', () => {
    const policy = policyOf(web.resource('aws_s3_bucket_policy'));
    expect(policy.Statement).toEqual([
      {
        Sid: 'ThisDistributionOnly',
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Resource: `${web.ref('aws_s3_bucket', 'arn')}/*`,
        Condition: { StringEquals: { 'AWS:SourceArn': web.ref('aws_cloudfront_distribution', 'arn') } },
      },
    ]);
    expect(web.resource('aws_cloudfront_origin_access_control')).toMatchObject({ origin_access_control_origin_type: 's3', signing_behavior: 'always', signing_protocol: 'sigv4' });
    const distribution = web.resource('aws_cloudfront_distribution');
    expect(distribution.origin).toEqual([
      { origin_id: 'app', domain_name: web.ref('aws_s3_bucket', 'bucket_regional_domain_name'), origin_access_control_id: web.ref('aws_cloudfront_origin_access_control', 'id') },
    ]);
    expect(distribution.default_cache_behavior).toMatchObject({ viewer_protocol_policy: 'redirect-to-https', allowed_methods: ['GET', 'HEAD'] });
  });

  it('sends the app with a CSP that allows only its own scripts and connections to Cognito and the API', () => {
    const headers = web.resource('aws_cloudfront_response_headers_policy').security_headers_config as Record<string, Record<string, unknown>>;
    const csp = String(headers.content_security_policy.content_security_policy);
    expect(csp).toMatch(/^default-src 'none'; script-src 'self'; style-src 'self';/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/connect-src 'self' https:\/\/cognito-idp\.eu-central-1\.amazonaws\.com https:\/\/cognito-identity\.eu-central-1\.amazonaws\.com https:\/\/\$\{element\(split\("\/", data\.terraform_remote_state\.cross-stack-reference-input-api\.outputs\.[^}]+invoke_url\), 2\)\};/);
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    expect(headers.frame_options).toEqual({ frame_option: 'DENY', override: true });
    expect(headers.referrer_policy).toEqual({ referrer_policy: 'no-referrer', override: true });
    expect(headers.strict_transport_security).toMatchObject({ access_control_max_age_sec: 63_072_000 });
  });

  it("uploads the built app and a config.json from the identity and api stacks' outputs", () => {
    const objects = Object.values(web.resources('aws_s3_object'));
    expect(objects.map((object) => object.key).sort()).toEqual(['app.css', 'app.js', 'config.json', 'index.html']);
    const config = objects.find((object) => object.key === 'config.json');
    expect(config).toMatchObject({ content_type: 'application/json', cache_control: 'no-cache' });
    // A JSON template of references (no function call), which the offline runtime resolves and serves as well.
    const content = JSON.parse(String(config?.content)) as Record<string, string>;
    expect(Object.keys(content).sort()).toEqual(['apiUrl', 'identityPoolId', 'region', 'userPoolClientId', 'userPoolId']);
    expect(content.region).toBe('eu-central-1');
    for (const [key, output] of Object.entries({ userPoolId: 'user-pool_54D4728Bid', userPoolClientId: 'user-pool_client', identityPoolId: 'identity-pool', apiUrl: 'invoke_url' })) {
      expect(content[key]).toMatch(new RegExp(`^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-(identity|api)\\.outputs\\.[^}]*${output}[^}]*\\}$`));
    }
  });

  it('outputs its URL, the origin the api stack must then allow', () => {
    expect(web.outputs.web_url.value).toBe(`https://${web.ref('aws_cloudfront_distribution', 'domain_name')}`);
  });
});
