import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { EmulatedResourceType, NotEmulatedResourceType, ResourceScope } from '../resource-type';
import { nameOrPrefix, newIds } from './generated-ids';

/**
 * S3 and CloudFront, as far as a stack that hosts a static site uses them: the
 * bucket's objects are served by the runtime at /app/ (standing in for the
 * distribution); the bucket's settings and CloudFront itself are not emulated,
 * listed by `--explain`, with the ids and names AWS would generate so that
 * outputs and references resolve.
 */
const hosting = 'static web hosting: the runtime serves the bucket\'s objects itself at /app/, with its own security headers';

const notEmulated = (type: string, what: string, computed: NotEmulatedResourceType['computed']): NotEmulatedResourceType => ({
  type,
  emulated: false,
  reason: `${what}: ${hosting}`,
  computed,
});

const bucketName = (scope: ResourceScope) => nameOrPrefix(scope, 'bucket');
/** A setting of a bucket, known by the bucket it sets. */
const ofBucket = (type: string, what: string) => notEmulated(type, `S3 ${what}`, { id: (scope) => scope.requiredString('bucket') });

export const s3Bucket = notEmulated('aws_s3_bucket', 'S3 bucket', {
  id: bucketName,
  bucket: bucketName,
  arn: (scope) => `arn:aws:s3:::${bucketName(scope)}`,
  bucket_regional_domain_name: (scope) => `${bucketName(scope)}.s3.${scope.account.region}.amazonaws.com`,
});
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

export const cloudfrontOriginAccessControl = notEmulated('aws_cloudfront_origin_access_control', 'CloudFront origin access control', { id: cloudFrontId });
export const cloudfrontResponseHeadersPolicy = notEmulated('aws_cloudfront_response_headers_policy', 'CloudFront response headers policy', {
  id: (scope) => scope.generated('id', newIds.uuid),
});
export const cloudfrontDistribution = notEmulated('aws_cloudfront_distribution', 'CloudFront distribution', {
  id: cloudFrontId,
  arn: (scope) => `arn:aws:cloudfront::${scope.account.accountId}:distribution/${cloudFrontId(scope)}`,
  domain_name: (scope) => scope.generated('domain_name', () => `d${newIds.apiGateway()}.cloudfront.net`),
});
