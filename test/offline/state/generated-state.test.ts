import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTemporaryPassword, passwordPolicyViolations } from '../../../offline/cognito-idp/password-policy';
import { DeploymentState } from '../../../offline/deployment/deployment-state';
import { readDeployment } from '../../../offline/deployment/read-deployment';
import { newIds } from '../../../offline/deployment/types/generated-ids';
import { FileDocumentStore, InMemoryDocumentStore, type DocumentStore } from '../../../offline/state/document-store';
import { loadOrCreateSigningKey } from '../../../offline/state/signing-key';
import { loadSynthesizedApp } from '../../../offline/terraform/synthesized-app';
import { testStacksDirectory } from '../../support/test-stacks';

const idsOf = (store: DocumentStore) => {
  const deployment = readDeployment({
    app: loadSynthesizedApp(testStacksDirectory()),
    state: new DeploymentState(store),
    accountId: '000000000000',
    endpoint: 'http://127.0.0.1:4747',
  });
  return {
    userPoolId: deployment.userPools[0].id,
    clientId: deployment.userPoolClients[0].id,
    identityPoolId: deployment.identityPools[0].id,
    secretArn: deployment.secrets[0].arn,
    apiId: deployment.restApis[0].id,
    subs: deployment.users.map((user) => user.sub),
    roleIds: deployment.roles.map((role) => role.uniqueId),
  };
};

describe('generated state', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'generated-state-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('generates ids shaped like AWS for the resources of the stacks and keeps them per data directory', () => {
    const ids = idsOf(new FileDocumentStore(directory));
    expect(ids.userPoolId).toMatch(/^eu-central-1_[A-Za-z0-9]{9}$/);
    expect(ids.clientId).toMatch(/^[a-z0-9]{26}$/);
    expect(ids.identityPoolId).toMatch(/^eu-central-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids.secretArn).toMatch(/^arn:aws:secretsmanager:eu-central-1:000000000000:secret:shop-platform-TestUsersPassword-[A-Za-z0-9]{6}$/);
    expect(ids.apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(ids.subs).toHaveLength(4);
    for (const roleId of ids.roleIds) expect(roleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(idsOf(new FileDocumentStore(directory))).toEqual(ids);
    expect(idsOf(new InMemoryDocumentStore()).userPoolId).not.toBe(ids.userPoolId);
  });

  it('refuses a data directory created for another region', () => {
    const state = new DeploymentState(new FileDocumentStore(directory));
    state.checkRegion('us-east-1');
    state.save();
    expect(() => idsOf(new FileDocumentStore(directory))).toThrow(/was created for region us-east-1, but the stacks deploy to eu-central-1/);
  });

  it('names the field of a hand-broken document', () => {
    writeFileSync(join(directory, 'deployment.json'), JSON.stringify({ region: 'eu-central-1', generated: { x: { id: 5 } }, applied: {} }));
    expect(() => new DeploymentState(new FileDocumentStore(directory))).toThrow(/deployment\.json\.generated\.x\.id must be a string/);
  });

  it('generates an RSA-2048 signing key once and reloads it with the same kid', async () => {
    const key = await loadOrCreateSigningKey(new FileDocumentStore(directory));
    expect(key.privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(key.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(key.publicJwk).toEqual({ kty: 'RSA', n: expect.any(String), e: 'AQAB', kid: key.kid, alg: 'RS256', use: 'sig' });
    expect(key.publicJwk).not.toHaveProperty('d');
    const again = await loadOrCreateSigningKey(new FileDocumentStore(directory));
    expect(again.kid).toBe(key.kid);
    expect(again.publicJwk).toEqual(key.publicJwk);
  });

  it('draws ids that differ every time', () => {
    expect(new Set(Array.from({ length: 50 }, () => newIds.userPool('eu-central-1'))).size).toBe(50);
    expect(new Set(Array.from({ length: 50 }, () => newIds.userPoolClient())).size).toBe(50);
    expect(new Set(Array.from({ length: 50 }, () => newIds.roleUniqueId())).size).toBe(50);
  });

  it('generates temporary passwords that meet the pool policy, symbols included when it asks for them', () => {
    const policy = { minimumLength: 12, requireUppercase: true, requireLowercase: true, requireNumbers: true, requireSymbols: true, temporaryPasswordValidityDays: 7 };
    for (let attempt = 0; attempt < 20; attempt += 1) expect(passwordPolicyViolations(policy, generateTemporaryPassword(policy))).toEqual([]);
  });
});
