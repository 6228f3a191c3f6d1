// Each construct validates its props before building anything; these pin the exact messages.
import { App, Duration, Stack } from 'aws-cdk-lib';
import { ContainerImage } from 'aws-cdk-lib/aws-ecs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Repository } from 'aws-cdk-lib/aws-ecr';
import { BackendService, type BackendServiceProps } from '../src/backend-service.ts';
import { Database } from '../src/database.ts';
import { GitHubDeployRole } from '../src/github-deploy.ts';
import { Monitoring } from '../src/monitoring.ts';
import { WebFirewall } from '../src/web-firewall.ts';
import { PublicLoadBalancer } from '../src/load-balancer.ts';
import { Network } from '../src/network.ts';
import { ACCOUNT, CERTIFICATE_ARN, REGION, SALESFORCE_SECRET_ARN, Scratch } from './fixtures.ts';

// Every App creates its assembly folder at once, so even unsynthesised ones get an outdir here.
const scratch = new Scratch();
afterAll(() => scratch.remove());

function newStack(): Stack {
  return new Stack(new App({ outdir: scratch.outdir() }), 'Test', { env: { account: ACCOUNT, region: REGION } });
}

describe('Network', () => {
  it.each([0, 3, 1.5])('refuses %s NAT gateways', (natGateways) => {
    expect(() => new Network(newStack(), 'Network', { natGateways })).toThrow(
      `Network: natGateways must be 1 or 2 (private subnets need egress; there are two AZs), got ${natGateways}`,
    );
  });
});

describe('Database', () => {
  const vpc = () => new Network(newStack(), 'Network').vpc;

  it.each([
    [Duration.days(0), 0],
    [Duration.days(36), 36],
    [Duration.hours(36), 1.5],
  ])('refuses a backup retention of %s', (backupRetention, days) => {
    const network = vpc();
    expect(() => new Database(network.stack, 'Database', { vpc: network, backupRetention })).toThrow(
      `Database: backupRetention must be 1 to 35 whole days (point-in-time recovery needs backups), got ${days}`,
    );
  });

  it('refuses a database name PostgreSQL would fold or reject', () => {
    const network = vpc();
    expect(() => new Database(network.stack, 'Database', { vpc: network, databaseName: 'Pulse-DB' })).toThrow(
      'Database: databaseName must be a lower-case PostgreSQL identifier, got "Pulse-DB"',
    );
  });

  it('refuses a storage ceiling below the allocation', () => {
    const network = vpc();
    expect(
      () =>
        new Database(network.stack, 'Database', { vpc: network, allocatedStorageGiB: 50, maxAllocatedStorageGiB: 40 }),
    ).toThrow(
      'Database: storage must be at least 20 GiB and maxAllocatedStorageGiB at least allocatedStorageGiB, got 50 and 40',
    );
  });
});

describe('PublicLoadBalancer', () => {
  it('refuses a certificate ARN that is not from ACM', () => {
    const { vpc } = new Network(newStack(), 'Network');
    expect(() => new PublicLoadBalancer(vpc.stack, 'LoadBalancer', { vpc, certificateArn: 'my-certificate' })).toThrow(
      'PublicLoadBalancer: certificateArn must be an ACM certificate ARN, got "my-certificate"',
    );
  });

  it('refuses an access log expiration under a day', () => {
    const { vpc } = new Network(newStack(), 'Network');
    expect(
      () =>
        new PublicLoadBalancer(vpc.stack, 'LoadBalancer', {
          vpc,
          certificateArn: CERTIFICATE_ARN,
          accessLogExpiration: Duration.hours(12),
        }),
    ).toThrow('PublicLoadBalancer: accessLogExpiration must be a whole number of days, at least 1, got 0.5');
  });
});

describe('BackendService', () => {
  function baseProps(): BackendServiceProps {
    const stack = newStack();
    const { vpc } = new Network(stack, 'Network');
    return {
      vpc,
      image: ContainerImage.fromRegistry('public.ecr.aws/docker/library/node:24-alpine'),
      listener: new PublicLoadBalancer(stack, 'LoadBalancer', { vpc, certificateArn: CERTIFICATE_ARN }).httpsListener,
      database: new Database(stack, 'Database', { vpc }),
      salesforce: {
        loginUrl: 'https://login.salesforce.com',
        username: 'pulse@example.com',
        clientId: 'client',
        secret: Secret.fromSecretCompleteArn(stack, 'Salesforce', SALESFORCE_SECRET_ARN),
      },
    };
  }
  const build = (overrides: Partial<BackendServiceProps>) => {
    const props = baseProps();
    return () => new BackendService(props.vpc.stack, 'Backend', { ...props, ...overrides });
  };

  it('refuses a privileged container port', () => {
    expect(build({ containerPort: 80 })).toThrow(
      'BackendService: containerPort must be an unprivileged port (1024-65535), got 80',
    );
  });

  it.each([
    [0, 2],
    [3, 2],
  ])('refuses minTasks %s with maxTasks %s', (minTasks, maxTasks) => {
    expect(build({ minTasks, maxTasks })).toThrow(
      `BackendService: need 1 <= minTasks <= maxTasks, got minTasks ${minTasks} and maxTasks ${maxTasks}`,
    );
  });

  it('refuses a CPU target autoscaling cannot hold', () => {
    expect(build({ targetCpuPercent: 95 })).toThrow(
      'BackendService: targetCpuPercent must be between 10 and 90, got 95',
    );
  });
});

describe('BackendService: request scaling', () => {
  it('refuses a request target under one', () => {
    const stack = newStack();
    const { vpc } = new Network(stack, 'Network');
    const props: BackendServiceProps = {
      vpc,
      image: ContainerImage.fromRegistry('public.ecr.aws/docker/library/node:24-alpine'),
      listener: new PublicLoadBalancer(stack, 'LoadBalancer', { vpc, certificateArn: CERTIFICATE_ARN }).httpsListener,
      database: new Database(stack, 'Database', { vpc }),
      salesforce: {
        loginUrl: 'https://login.salesforce.com',
        username: 'pulse@example.com',
        clientId: 'client',
        secret: Secret.fromSecretCompleteArn(stack, 'Salesforce', SALESFORCE_SECRET_ARN),
      },
      requestsPerTarget: 0,
    };
    expect(() => new BackendService(stack, 'Backend', props)).toThrow(
      'BackendService: requestsPerTarget must be a whole number from 1, got 0',
    );
  });
});

describe('WebFirewall', () => {
  const loadBalancer = () => {
    const { vpc } = new Network(newStack(), 'Network');
    return new PublicLoadBalancer(vpc.stack, 'LoadBalancer', { vpc, certificateArn: CERTIFICATE_ARN }).loadBalancer;
  };

  it.each([5, 100.5])('refuses a rate limit of %s', (requestsPerIpPer5Minutes) => {
    const alb = loadBalancer();
    expect(() => new WebFirewall(alb.stack, 'Firewall', { loadBalancer: alb, requestsPerIpPer5Minutes })).toThrow(
      `WebFirewall: requestsPerIpPer5Minutes must be a whole number from 10, got ${requestsPerIpPer5Minutes}`,
    );
  });

  it('refuses an empty allow-list (leave it out to admit everyone)', () => {
    const alb = loadBalancer();
    expect(() => new WebFirewall(alb.stack, 'Firewall', { loadBalancer: alb, allowedCidrs: [] })).toThrow(
      'WebFirewall: allowedCidrs must list at least one range, or be left out to admit everyone',
    );
  });
});

describe('Monitoring', () => {
  it('refuses an error rate that is not a percentage', () => {
    const { vpc } = new Network(newStack(), 'Network');
    const stack = vpc.stack;
    const backend = new BackendService(stack, 'Backend', {
      vpc,
      image: ContainerImage.fromRegistry('public.ecr.aws/docker/library/node:24-alpine'),
      listener: new PublicLoadBalancer(stack, 'LoadBalancer', { vpc, certificateArn: CERTIFICATE_ARN }).httpsListener,
      database: new Database(stack, 'Database', { vpc }),
      salesforce: {
        loginUrl: 'https://login.salesforce.com',
        username: 'pulse@example.com',
        clientId: 'client',
        secret: Secret.fromSecretCompleteArn(stack, 'Salesforce', SALESFORCE_SECRET_ARN),
      },
    });
    const alb = stack.node.findChild('LoadBalancer') as PublicLoadBalancer;
    const database = stack.node.findChild('Database') as Database;
    expect(
      () =>
        new Monitoring(stack, 'Monitoring', {
          loadBalancer: alb.loadBalancer,
          backend,
          database: database.instance,
          metricsNamespace: 'Pulse/test',
          dashboardName: 'Pulse-test',
          errorRatePercent: 100,
        }),
    ).toThrow('Monitoring: errorRatePercent must be between 0 and 100, got 100');
  });
});

describe('GitHubDeployRole', () => {
  it.each([
    [{ repository: 'pulse' }, 'GitHubDeployRole: repository must be owner/name, got "pulse"'],
    [
      { githubEnvironment: 'prod*' },
      'GitHubDeployRole: githubEnvironment must be a GitHub environment name, got "prod*"',
    ],
  ])('refuses %j', (override, message) => {
    const stack = newStack();
    expect(
      () =>
        new GitHubDeployRole(stack, 'Role', {
          oidcProviderArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
          repository: 'acme/pulse',
          githubEnvironment: 'prod',
          imageRepository: Repository.fromRepositoryName(stack, 'Images', 'pulse-backend-prod'),
          ...override,
        }),
    ).toThrow(message);
  });
});
