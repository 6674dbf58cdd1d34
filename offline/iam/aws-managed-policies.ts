import { arns } from '../aws/arns';
import type { PolicyDocument } from './policy';

/**
 * The AWS managed policies the offline runtime knows the text of. A role that
 * is assumed offline may have only these (or the stacks' own aws_iam_policy)
 * attached; any other stops the start, since its permissions are unknown here.
 * Transcribed from the AWS Managed Policy Reference; check it when AWS edits one.
 */
export const awsManagedPolicies: ReadonlyMap<string, PolicyDocument> = new Map([
  [
    // Version v3 (2024-11-01). Cognito applies it as a session policy to guests of the enhanced flow.
    arns.awsManagedPolicy('AmazonCognitoUnAuthedIdentitiesSessionPolicy'),
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'CognitoUnAuthedIdentitiesSessionPolicy',
          Effect: 'Allow',
          Action: [
            'rum:PutRumEvents',
            'sagemaker:InvokeEndpoint',
            'polly:*',
            'comprehend:*',
            'translate:*',
            'transcribe:*',
            'rekognition:*',
            'mobiletargeting:*',
            'firehose:*',
            'personalize:*',
            'geo:GetMap*',
            'geo:SearchPlaceIndex*',
            'geo:GetPlace',
            'geo:CalculateRoute*',
            'geo:*Geofence',
            'geo:*Geofences',
            'geo:*DevicePosition*',
            'kms:Encrypt',
            'kms:Decrypt',
            'kms:ReEncryptTo',
            'kms:ReEncryptFrom',
            'kms:GenerateDataKey',
            'kms:GenerateDataKeyPair',
            'kms:GenerateDataKeyPairWithoutPlaintext',
            'kms:GenerateDataKeyWithoutPlaintext',
          ],
          Resource: '*',
        },
      ],
    },
  ],
]);
