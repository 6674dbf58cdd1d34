import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { EmulatedResourceType, NotEmulatedResourceType, ResourceScope } from '../resource-type';
import { newIds } from './generated-ids';

/**
 * S3 and CloudFront, as far as a stack that hosts a static site uses them: the
 * bucket's objects are served by the runtime at /app/ (standing in for the
 * distribution); the bucket's settings and CloudFront itself are not emulated,
 * listed by `--explain`, with the ids and names AWS would generate so that
 * outputs and references resolve.
 */
const hosting = 'static web hosting: the runtime serves the bucket\'s objects itself at /app/, with its own security headers';

const bucketName = (scope: ResourceScope) => {
  const name = scope.argument('bucket');
  if (typeof name === 'string') return name;
  const prefix = scope.argument('bucket_prefix');
  return scope.generated('bucket', () => `${typeof prefix === 'string' ? prefix : 'terraform-'}${newIds.namePrefixSuffix()}`);
};

const ofBucket = (type: string, what: string): NotEmulatedResourceType => ({
  type,
  emulated: false,
  reason: `S3 ${what}: ${hosting}`,
  computed: { id: (scope) => scope.requiredString('bucket') },
});

export const s3Bucket: NotEmulatedResourceType = {
  type: 'aws_s3_bucket',
  emulated: false,
  reason: `S3 bucket: ${hosting}`,
  computed: {
    id: bucketName,
    bucket: bucketName,
    arn: (scope) => `arn:aws:s3:::${bucketName(scope)}`,
    bucket_regional_domain_name: (scope) => `${bucketName(scope)}.s3.${scope.account.region}.amazonaws.com`,
  },
};
export const s3BucketPublicAccessBlock = ofBucket('aws_s3_bucket_public_access_block', 'public access block');
export const s3BucketOwnershipControls = ofBucket('aws_s3_bucket_ownership_controls', 'ownership controls');
export const s3BucketEncryption = ofBucket('aws_s3_bucket_server_side_encryption_configuration', 'default encryption');
export const s3BucketPolicy = ofBucket('aws_s3_bucket_policy', 'bucket policy');
/**
 * An object of the site's bucket, served by the runtime at /app/<key> with its
 * content type: the bytes Terraform would upload (its `source` file, from the
 * stack's directory, or its `content`).
 */
export const s3Object: EmulatedResourceType = {
  type: 'aws_s3_object',
  emulated: true,
  computed: { id: (scope) => scope.requiredString('key') },
  read(scope, reader, parts) {
    reader.skip('tags', 'source_hash', 'etag');
    reader.ignore('cache_control', 'the runtime answers every file with Cache-Control: no-store');
    reader.ignore('server_side_encryption', 'encryption at rest is not emulated offline');
    const bucket = reader.string('bucket');
    const key = reader.string('key');
    const contentType = reader.optionalString('content_type') ?? 'binary/octet-stream';
    const source = reader.optionalString('source');
    const content = reader.optionalString('content');
    if ((source === undefined) === (content === undefined)) throw reader.error('source', 'give exactly one of source and content');
    const body = source === undefined ? Buffer.from(content ?? '') : readFileSync(isAbsolute(source) ? source : resolve(scope.stackDirectory, source));
    parts.staticSite.push({ address: scope.block.address, bucket, key, contentType, body });
  },
};

const cloudFrontId = (scope: ResourceScope) => scope.generated('id', () => `E${newIds.upper(13)}`);

export const cloudfrontOriginAccessControl: NotEmulatedResourceType = {
  type: 'aws_cloudfront_origin_access_control',
  emulated: false,
  reason: `CloudFront origin access control: ${hosting}`,
  computed: { id: cloudFrontId },
};
export const cloudfrontResponseHeadersPolicy: NotEmulatedResourceType = {
  type: 'aws_cloudfront_response_headers_policy',
  emulated: false,
  reason: `CloudFront response headers policy: ${hosting}`,
  computed: { id: (scope) => scope.generated('id', newIds.uuid) },
};
export const cloudfrontDistribution: NotEmulatedResourceType = {
  type: 'aws_cloudfront_distribution',
  emulated: false,
  reason: `CloudFront distribution: ${hosting}`,
  computed: {
    id: cloudFrontId,
    arn: (scope) => `arn:aws:cloudfront::${scope.account.accountId}:distribution/${cloudFrontId(scope)}`,
    domain_name: (scope) => scope.generated('domain_name', () => `d${newIds.apiGateway()}.cloudfront.net`),
  },
};
