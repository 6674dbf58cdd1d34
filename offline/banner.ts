import type { RuntimeOutputs } from './outputs';

/** The start-up banner: where everything is, and the walkthrough to copy and paste. */
export function banner(outputs: RuntimeOutputs, shopTokens: ReadonlyArray<{ shopId: string; shopToken?: string }>): string {
  const e = `--endpoint-url ${outputs.endpoint}`;
  const provider = `cognito-idp.${outputs.region}.amazonaws.com/${outputs.userPoolId}`;
  const users = outputs.testUsers
    .map((user) => `    ${user.email.padEnd(34)} ${user.role ?? '(no role)'}${user.shopId ? ` of shop ${user.shopId}` : ''}`)
    .join('\n');
  const tokens = shopTokens.map((shop) => `shop ${shop.shopId}: ${shop.shopToken ?? '(none yet)'}`).join(', ');
  return `
Shop platform, offline — every call is SigV4-verified and IAM-authorized
  Endpoint        ${outputs.endpoint}   (region ${outputs.region}, account ${outputs.accountId})
  REST API        ${outputs.apiUrl}   (API id ${outputs.apiId}, stage ${outputs.stage})
  Web app         ${outputs.webAppUrl ?? '(the stacks declare no static site)'}
  User pool       ${outputs.userPoolId}   client ${outputs.userPoolClientId}
  Identity pool   ${outputs.identityPoolId}
  Secret          ${outputs.testUsersSecretName ?? '(test users off)'}
  Table           ${outputs.tableName}
  Data            ${outputs.dataDirectory}
  Root keys       AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test (the local account's administrator)
  Shop tokens     ${tokens}   (they rotate on the schedule; owners read them with GET /prod/shop/<id>)
  Test users
${users}

In one command (credentials and signing done for you):
  npm run --silent call -- --as registeredcustomer1@example.com GET /orders
  npm run --silent call -- --as guest --shop 0001 GET '/products?shopId=0001'
  eval "$(npm run --silent creds -- guest)"     # AWS_ACCESS_KEY_ID/SECRET/SESSION_TOKEN for any AWS client

Walkthrough (AWS CLI v1 or v2, jq, curl):
  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=${outputs.region} AWS_DEFAULT_REGION=${outputs.region}
  YOUR_PASSWORD=$(aws secretsmanager get-secret-value --secret-id ${outputs.testUsersSecretName ?? '<secret>'} ${e} | jq -r .SecretString | jq -r .password)
  YOUR_ID_TOKEN=$(aws cognito-idp initiate-auth --auth-flow USER_PASSWORD_AUTH --client-id ${outputs.userPoolClientId} \\
    --auth-parameters USERNAME=registeredcustomer1@example.com,PASSWORD=$YOUR_PASSWORD ${e} | jq -r .AuthenticationResult.IdToken)
  YOUR_IDENTITY_ID=$(aws cognito-identity get-id --identity-pool-id ${outputs.identityPoolId} \\
    --logins ${provider}=$YOUR_ID_TOKEN ${e} | jq -r .IdentityId)
  YOUR_CREDS=$(aws cognito-identity get-credentials-for-identity --identity-id $YOUR_IDENTITY_ID \\
    --logins ${provider}=$YOUR_ID_TOKEN ${e})
  curl -s --aws-sigv4 "aws:amz:${outputs.region}:execute-api" \\
    --user "$(echo $YOUR_CREDS | jq -r .Credentials.AccessKeyId):$(echo $YOUR_CREDS | jq -r .Credentials.SecretKey)" \\
    -H "x-amz-security-token: $(echo $YOUR_CREDS | jq -r .Credentials.SessionToken)" \\
    "${outputs.apiUrl}/products?shopId=0001&shopToken=<shop 0001's token>"
`;
}
