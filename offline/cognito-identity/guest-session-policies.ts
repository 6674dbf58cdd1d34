import { arns } from '../aws/arns';
import { awsManagedPolicies } from '../iam/aws-managed-policies';
import type { NamedPolicy } from '../iam';

/**
 * What Cognito's enhanced flow passes to STS for an unauthenticated identity:
 * an inline session policy listing the services guests may ever use, and the
 * managed session policy AmazonCognitoUnAuthedIdentitiesSessionPolicy. A guest
 * session may do only what its role allows AND one of these allows, however
 * broad the role's own policies are. Transcribed from the Cognito Developer
 * Guide (IAM roles, "access policies" for unauthenticated identities).
 */
const inlineSessionPolicy: NamedPolicy = {
  name: 'Cognito enhanced-flow session policy for unauthenticated identities',
  document: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          'cloudwatch:*',
          'logs:*',
          'dynamodb:*',
          'kinesis:*',
          'mobileanalytics:*',
          's3:*',
          'ses:*',
          'sns:*',
          'sqs:*',
          'lambda:*',
          'machinelearning:*',
          'execute-api:*',
          'iot:*',
          'gamelift:*',
          'cognito-identity:*',
          'cognito-idp:*',
          'lex:*',
          'polly:*',
          'comprehend:*',
          'translate:*',
          'transcribe:*',
          'rekognition:*',
          'mobiletargeting:*',
          'firehose:*',
          'appsync:*',
          'personalize:*',
          'sagemaker:InvokeEndpoint',
          'cognito-sync:*',
          'codewhisperer:*',
          'textract:DetectDocumentText',
          'textract:AnalyzeDocument',
          'sdb:*',
        ],
        Resource: '*',
      },
    ],
  },
};

const managedSessionPolicyArn = arns.awsManagedPolicy('AmazonCognitoUnAuthedIdentitiesSessionPolicy');

/** The session policies of every guest session, by the name sessions refer to them with. */
export const guestSessionPolicySet = 'cognito-unauthenticated-enhanced-flow';

export function guestSessionPolicies(): NamedPolicy[] {
  const managed = awsManagedPolicies.get(managedSessionPolicyArn);
  if (!managed) throw new Error(`${managedSessionPolicyArn} is missing from the managed policy catalog`);
  return [inlineSessionPolicy, { name: managedSessionPolicyArn, document: managed }];
}
