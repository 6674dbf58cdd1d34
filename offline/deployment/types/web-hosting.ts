import type { NotEmulatedResourceType, ResourceScope } from '../resource-type';
import { newIds } from './generated-ids';

/**
 * S3 and CloudFront, as far as a stack that hosts a static site uses them: not
 * emulated (the offline runtime serves the web app itself at /app/), listed by
 * `--explain`, with the ids and names AWS would generate so that outputs and
 * references resolve.
 */
const hosting = 'static web hosting: the offline runtime serves the web app itself at /app/';

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
export const s3Object: NotEmulatedResourceType = {
  type: 'aws_s3_object',
  emulated: false,
  reason: `S3 object: ${hosting}`,
  computed: { id: (scope) => scope.requiredString('key') },
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
