import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { AssetType, Fn, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { bundlesDirectory } from '../../bundling/bundle-lambda';
import { writeWebApp } from '../../bundling/build-web-app';
import { policyDocument } from '../../platform/iam-policy';
import { webBucketPrefix, webHeadersPolicyName, webOriginAccessControlName } from '../../platform/resource-names';
import type { WebAppConfig } from '../../platform/web-app';
import { policyJson } from '../policy-json';

export interface WebHostingProps {
  prefix: string;
  region: string;
  /** What the app's config.json tells it (tokens of the identity and api stacks). */
  config: Omit<WebAppConfig, 'cognitoEndpoint'>;
  /** The API's host, which the CSP lets the app connect to. */
  apiHost: string;
}

/** Where the built app is written for the asset: `dist/web`, beside the Lambda bundles. */
const builtAppDirectory = join(bundlesDirectory, '..', 'web');

/** CloudFront's managed cache policy "CachingOptimized"; it honours the objects' Cache-Control. */
const cachingOptimized = '658327ea-f89d-4fab-a63d-7e88639e58f6';

/**
 * The web app on AWS: a private S3 bucket (no public access, owner-enforced,
 * encrypted) that only this CloudFront distribution may read, through origin
 * access control; the distribution sends the app with security headers (a CSP
 * allowing this origin's scripts and styles and connections to Cognito and the
 * API only, HSTS, no framing, no referrer, the camera for this page only).
 */
export class WebHosting extends Construct {
  readonly url: string;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    const bucket = new S3Bucket(this, 'bucket', { bucketPrefix: webBucketPrefix(props.prefix), forceDestroy: true });
    new S3BucketPublicAccessBlock(this, 'public-access', {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });

    const files = writeWebApp(builtAppDirectory);
    const asset = new TerraformAsset(this, 'files', { path: builtAppDirectory, type: AssetType.DIRECTORY });
    // Not content-hashed names: every object is revalidated, so a deploy shows at once.
    for (const file of files) {
      new S3Object(this, `file-${file.path}`, {
        bucket: bucket.id,
        key: file.path,
        source: `${asset.path}/${file.path}`,
        sourceHash: Fn.filemd5(`${asset.path}/${file.path}`),
        contentType: file.contentType,
        cacheControl: 'no-cache',
      });
    }
    new S3Object(this, 'config', {
      bucket: bucket.id,
      key: 'config.json',
      // A JSON template with references (not jsonencode()): what the offline runtime resolves and serves too.
      content: JSON.stringify(props.config),
      contentType: 'application/json',
      cacheControl: 'no-cache',
    });

    const accessControl = new CloudfrontOriginAccessControl(this, 'origin-access', {
      name: webOriginAccessControlName(props.prefix),
      description: 'CloudFront signs its requests to the web app bucket',
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    });
    const cognito = `https://cognito-idp.${props.region}.amazonaws.com https://cognito-identity.${props.region}.amazonaws.com`;
    const headers = new CloudfrontResponseHeadersPolicy(this, 'headers', {
      name: webHeadersPolicyName(props.prefix),
      securityHeadersConfig: {
        contentSecurityPolicy: {
          contentSecurityPolicy: `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; connect-src 'self' ${cognito} https://${props.apiHost}; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: 'DENY', override: true },
        referrerPolicy: { referrerPolicy: 'no-referrer', override: true },
        strictTransportSecurity: { accessControlMaxAgeSec: 63_072_000, includeSubdomains: true, override: true },
      },
      customHeadersConfig: { items: [{ header: 'Permissions-Policy', value: 'camera=(self), microphone=(), geolocation=()', override: true }] },
    });
    const distribution = new CloudfrontDistribution(this, 'distribution', {
      enabled: true,
      comment: `${props.prefix} web app`,
      defaultRootObject: 'index.html',
      priceClass: 'PriceClass_100',
      httpVersion: 'http2and3',
      origin: [{ originId: 'app', domainName: bucket.bucketRegionalDomainName, originAccessControlId: accessControl.id }],
      defaultCacheBehavior: {
        targetOriginId: 'app',
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD'],
        cachedMethods: ['GET', 'HEAD'],
        cachePolicyId: cachingOptimized,
        responseHeadersPolicyId: headers.id,
        compress: true,
      },
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: { cloudfrontDefaultCertificate: true, minimumProtocolVersion: 'TLSv1.2_2021' },
    });
    new S3BucketPolicy(this, 'policy', {
      bucket: bucket.id,
      policy: policyJson(
        policyDocument({
          Sid: 'ThisDistributionOnly',
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject',
          Resource: `${bucket.arn}/*`,
          Condition: { StringEquals: { 'AWS:SourceArn': distribution.arn } },
        }),
      ),
    });
    this.url = `https://${distribution.domainName}`;
  }
}
