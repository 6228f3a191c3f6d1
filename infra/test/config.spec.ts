import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { readPulseConfig } from '../src/config.ts';
import { ENVIRONMENT_NAMES, environmentSettings } from '../src/environments.ts';
import { CERTIFICATE_ARN, ECR_IMAGE, SALESFORCE_SECRET_ARN, requiredContext } from './fixtures.ts';

const BACKEND = '/repo/backend';

const read = (context: Record<string, unknown>) => readPulseConfig((key) => context[key], BACKEND);

describe('readPulseConfig', () => {
  it('returns the typed configuration of a complete context', () => {
    expect(read(requiredContext('staging'))).toEqual({
      environmentName: 'staging',
      account: '123456789012',
      region: 'eu-west-1',
      certificateArn: CERTIFICATE_ARN,
      salesforce: {
        loginUrl: 'https://test.salesforce.com',
        username: 'pulse-integration@example.com',
        clientId: '3MVG9-test-client-id',
        secretArn: SALESFORCE_SECRET_ARN,
      },
      image: { kind: 'asset', directory: BACKEND },
    });
  });

  it('refuses an empty context, naming every required key', () => {
    expect(() => read({})).toThrow(
      [
        'Missing required context: env, account, region, certificateArn, salesforceLoginUrl, salesforceUsername, salesforceClientId, salesforceSecretArn',
        '  env: environment name: dev, staging, prod',
        '  account: AWS account id (12 digits)',
        '  region: AWS region, e.g. eu-west-1',
        '  certificateArn: ACM certificate ARN for the HTTPS listener, in the same region',
        '  salesforceLoginUrl: Salesforce login URL, e.g. https://login.salesforce.com',
        '  salesforceUsername: Salesforce integration user name',
        '  salesforceClientId: connected app consumer key',
        '  salesforceSecretArn: complete ARN of the Secrets Manager secret holding SF_PRIVATE_KEY and PULSE_ORG_CERTIFICATE',
        'Pass each with -c key=value.',
      ].join('\n'),
    );
  });

  it('names the one missing key, treating an empty value as missing', () => {
    expect(() => read({ ...requiredContext('dev'), certificateArn: '' })).toThrow(
      'Missing required context: certificateArn\n' +
        '  certificateArn: ACM certificate ARN for the HTTPS listener, in the same region\n' +
        'Pass each with -c key=value.',
    );
  });

  it.each([
    ['env', 'production', 'Context value "env" must be one of dev, staging, prod, got "production"'],
    ['account', '12345', 'Context value "account" is not valid: "12345" (expected AWS account id (12 digits))'],
    ['region', 'Ireland', 'Context value "region" is not valid: "Ireland" (expected AWS region, e.g. eu-west-1)'],
    [
      'certificateArn',
      'arn:aws:acm:us-east-1:123456789012:certificate/abc',
      'Context value "certificateArn" is not valid: "arn:aws:acm:us-east-1:123456789012:certificate/abc" (expected ACM certificate ARN for the HTTPS listener, in the same region)',
    ],
    [
      'salesforceSecretArn',
      'pulse/salesforce',
      'Context value "salesforceSecretArn" is not valid: "pulse/salesforce" (expected complete ARN of the Secrets Manager secret holding SF_PRIVATE_KEY and PULSE_ORG_CERTIFICATE)',
    ],
    [
      'salesforceLoginUrl',
      'http://login.salesforce.com',
      'Context value "salesforceLoginUrl" is not valid: "http://login.salesforce.com" (expected Salesforce login URL, e.g. https://login.salesforce.com)',
    ],
  ])('refuses an invalid %s (%s)', (key, value, message) => {
    expect(() => read({ ...requiredContext('dev'), [key]: value })).toThrow(message);
  });

  it('refuses a context value that is not a string', () => {
    expect(() => read({ ...requiredContext('dev'), account: 123456789012 })).toThrow(
      'Context value "account" must be a string, got 123456789012',
    );
  });

  it('takes a pushed ECR image when repository and tag are both given', () => {
    expect(read({ ...requiredContext('prod'), ...ECR_IMAGE }).image).toEqual({
      kind: 'ecr',
      repositoryName: 'pulse-backend',
      tag: 'v1.2.3',
    });
  });

  it('refuses an image tag without a repository', () => {
    expect(() => read({ ...requiredContext('prod'), imageTag: 'v1.2.3' })).toThrow(
      'Context values "imageRepository" and "imageTag" go together: give both or neither',
    );
  });
});

describe('readPulseConfig: optional context', () => {
  it('reads allowed source ranges as a trimmed list', () => {
    expect(read({ ...requiredContext('prod'), allowedCidrs: '203.0.113.0/24, 198.51.100.7/32' }).allowedCidrs).toEqual([
      '203.0.113.0/24',
      '198.51.100.7/32',
    ]);
    expect(read(requiredContext('prod')).allowedCidrs).toBeUndefined();
  });

  it.each(['203.0.113.0', '203.0.113.0/33', '300.0.0.0/8', '2001:db8::/32'])('refuses the range %s', (cidr) => {
    expect(() => read({ ...requiredContext('prod'), allowedCidrs: `10.0.0.0/8,${cidr}` })).toThrow(
      `Context value "allowedCidrs" is not valid: "${cidr}" is not an IPv4 CIDR such as 203.0.113.0/24`,
    );
  });

  it('reads the alarm e-mail and refuses something that is not one', () => {
    expect(read({ ...requiredContext('dev'), alarmEmail: 'ops@example.com' }).alarmEmail).toBe('ops@example.com');
    expect(() => read({ ...requiredContext('dev'), alarmEmail: 'ops' })).toThrow(
      'Context value "alarmEmail" is not valid: "ops" (expected e-mail address subscribed to the alarm topic (default: no subscription))',
    );
  });

  it('reads the GitHub repository and an existing OIDC provider, which needs the repository', () => {
    const providerArn = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
    expect(
      read({ ...requiredContext('dev'), githubRepository: 'acme/pulse', githubOidcProviderArn: providerArn }).github,
    ).toEqual({ repository: 'acme/pulse', oidcProviderArn: providerArn });
    expect(() => read({ ...requiredContext('dev'), githubRepository: 'pulse' })).toThrow(
      'Context value "githubRepository" is not valid: "pulse"',
    );
    expect(() => read({ ...requiredContext('dev'), githubOidcProviderArn: providerArn })).toThrow(
      'Context value "githubOidcProviderArn" needs "githubRepository"',
    );
  });
});

describe('environmentSettings', () => {
  it('makes prod highly available and protected', () => {
    const prod = environmentSettings('prod');
    expect(prod.database.multiAz).toBe(true);
    expect(prod.database.deletionProtection).toBe(true);
    expect(prod.database.removalPolicy).toBe(RemovalPolicy.SNAPSHOT);
    expect(prod.natGateways).toBe(2);
    expect(prod.service.minTasks).toBe(2);
    expect(prod.terminationProtection).toBe(true);
    expect(prod.logRetention).toBe(RetentionDays.ONE_YEAR);
  });

  it('keeps dev cheap and disposable', () => {
    const dev = environmentSettings('dev');
    expect(dev.database.multiAz).toBe(false);
    expect(dev.database.deletionProtection).toBe(false);
    expect(dev.database.removalPolicy).toBe(RemovalPolicy.DESTROY);
    expect(dev.natGateways).toBe(1);
    expect(dev.terminationProtection).toBe(false);
  });

  it('protects staging data without paying for Multi-AZ', () => {
    const staging = environmentSettings('staging');
    expect(staging.database.multiAz).toBe(false);
    expect(staging.database.deletionProtection).toBe(true);
    expect(staging.database.removalPolicy).toBe(RemovalPolicy.SNAPSHOT);
  });

  it.each(ENVIRONMENT_NAMES)('gives %s point-in-time recovery and a task range that can scale', (name) => {
    const settings = environmentSettings(name);
    expect(settings.database.backupRetention.toDays()).toBeGreaterThanOrEqual(1);
    expect(settings.service.maxTasks).toBeGreaterThan(settings.service.minTasks);
  });

  it('sizes the edge rate limit, request scaling and the connection alarm per environment', () => {
    const [dev, staging, prod] = ENVIRONMENT_NAMES.map(environmentSettings);
    expect([dev, staging, prod].map((s) => s.firewall.requestsPerIpPer5Minutes)).toEqual([2000, 5000, 20000]);
    expect([dev, staging, prod].map((s) => s.alarms.databaseConnections)).toEqual([80, 180, 700]);
    expect(prod.service.requestsPerTarget).toBeLessThan(dev.service.requestsPerTarget);
  });

  it('keeps prod backups for 30 days', () => {
    expect(environmentSettings('prod').database.backupRetention.toDays()).toBe(Duration.days(30).toDays());
  });
});
