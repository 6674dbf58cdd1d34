import { defaultSettings, loadSettings, rotationIntervalMs, SettingsError } from '../../platform/settings';

describe('loadSettings', () => {
  it('uses the defaults when nothing is set', () => {
    expect(loadSettings({})).toEqual(defaultSettings);
  });

  it('reads every override from its environment variable', () => {
    const settings = loadSettings({
      SHOP_PREFIX: 'acme-shops',
      AWS_REGION: 'us-east-1',
      SHOP_TEST_USERS: 'false',
      SHOP_TABLE_DELETION_PROTECTION: 'true',
      SHOP_TOKEN_ROTATION_SCHEDULE: 'rate(15 minutes)',
      SHOP_TOKEN_GRACE_SECONDS: '60',
      SHOP_USER_CACHE_SECONDS: '0',
      SHOP_LOG_RETENTION_DAYS: '7',
      SHOP_API_RATE_LIMIT: '10',
      SHOP_API_BURST_LIMIT: '20',
      SHOP_WAF_RATE_LIMIT: '300',
      SHOP_MANAGE_APIGATEWAY_ACCOUNT: '0',
      SHOP_WEB_ORIGIN: 'https://d111111abcdef8.cloudfront.net',
      SHOP_WEB_STACK: 'false',
    });
    expect(settings).toEqual({
      prefix: 'acme-shops',
      region: 'us-east-1',
      createTestUsers: false,
      tableDeletionProtection: true,
      tokenRotationSchedule: 'rate(15 minutes)',
      tokenGraceSeconds: 60,
      userCacheSeconds: 0,
      logRetentionDays: 7,
      apiThrottleRateLimit: 10,
      apiThrottleBurstLimit: 20,
      wafRateLimit: 300,
      manageApiGatewayAccount: false,
      webOrigin: 'https://d111111abcdef8.cloudfront.net',
      webStack: false,
    });
  });

  it.each([
    ['SHOP_PREFIX', 'Bad_Prefix', /SHOP_PREFIX="Bad_Prefix" is not valid/],
    ['AWS_REGION', 'mars', /AWS_REGION="mars"/],
    ['SHOP_TEST_USERS', 'yes', /use true or false/],
    ['SHOP_TOKEN_GRACE_SECONDS', '-1', /whole number from 0 to 3600/],
    ['SHOP_TOKEN_GRACE_SECONDS', '1.5', /whole number/],
    ['SHOP_LOG_RETENTION_DAYS', '8', /CloudWatch accepts/],
    ['SHOP_USER_CACHE_SECONDS', '301', /whole number from 0 to 300/],
    ['SHOP_WAF_RATE_LIMIT', '9', /whole number from 10 to 2000000000/],
    ['SHOP_TOKEN_ROTATION_SCHEDULE', 'rate(1 hours)', /rate expression/],
    ['SHOP_TOKEN_ROTATION_SCHEDULE', 'rate(2 hour)', /rate expression/],
    ['SHOP_TOKEN_ROTATION_SCHEDULE', 'cron(0 * * * ? *)', /rate expression/],
    ['SHOP_WEB_ORIGIN', '*', /SHOP_WEB_ORIGIN="\*" is not valid: an origin/],
    ['SHOP_WEB_ORIGIN', 'https://shop.example/', /an origin such as/],
    ['SHOP_WEB_ORIGIN', 'https://shop.example/app', /no path/],
    ['SHOP_WEB_ORIGIN', 'shop.example', /scheme and host/],
    ['SHOP_WEB_ORIGIN', 'https://Shop.Example', /lower case/],
  ])('rejects %s=%s with a message naming it', (name, value, message) => {
    expect(() => loadSettings({ [name]: value })).toThrow(SettingsError);
    expect(() => loadSettings({ [name]: value })).toThrow(message);
  });
});

describe('token grace and rotation schedule', () => {
  it('refuses a grace period as long as the time between rotations, which would skip every other rotation', () => {
    expect(() => loadSettings({ SHOP_TOKEN_ROTATION_SCHEDULE: 'rate(2 minutes)', SHOP_TOKEN_GRACE_SECONDS: '120' })).toThrow(
      'SHOP_TOKEN_GRACE_SECONDS=120 is not valid with SHOP_TOKEN_ROTATION_SCHEDULE="rate(2 minutes)": the grace period must be shorter than the time between rotations',
    );
    expect(loadSettings({ SHOP_TOKEN_ROTATION_SCHEDULE: 'rate(2 minutes)', SHOP_TOKEN_GRACE_SECONDS: '119' }).tokenGraceSeconds).toBe(119);
  });
});

describe('SHOP_PREFIX length', () => {
  // IAM's 64-character role names bound it: <prefix>-IdentityPool-AuthenticatedDefaultRole.
  const longest = 'a'.repeat(64 - '-IdentityPool-AuthenticatedDefaultRole'.length);

  it('accepts the longest prefix every resource name allows (26 characters)', () => {
    expect(longest).toHaveLength(26);
    expect(loadSettings({ SHOP_PREFIX: longest }).prefix).toBe(longest);
  });

  it('refuses one character more, naming the resource whose name would be too long', () => {
    expect(() => loadSettings({ SHOP_PREFIX: `${longest}b` })).toThrow(
      `SHOP_PREFIX="${longest}b" is not valid: use 3 to 26 characters: the IAM role name ${longest}b-IdentityPool-AuthenticatedDefaultRole would be 65 characters, and AWS accepts at most 64`,
    );
  });

  it.each(['ab', 'a-', '-ab', 'Abc'])('refuses %s', (prefix) => {
    expect(() => loadSettings({ SHOP_PREFIX: prefix })).toThrow(`SHOP_PREFIX="${prefix}" is not valid`);
  });
});

describe('rotationIntervalMs', () => {
  it.each([
    ['rate(1 minute)', 60_000],
    ['rate(30 minutes)', 1_800_000],
    ['rate(1 hour)', 3_600_000],
    ['rate(2 days)', 172_800_000],
  ])('turns %s into %d ms', (schedule, ms) => {
    expect(rotationIntervalMs(schedule)).toBe(ms);
  });
});
