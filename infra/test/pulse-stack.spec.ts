import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { BackendService, SALESFORCE_SECRET_KEYS } from '../src/backend-service.ts';
import { TelemetryCollector } from '../src/telemetry-collector.ts';
import {
  ECR_IMAGE,
  SALESFORCE_SECRET_ARN,
  Scratch,
  requiredContext,
  synthesize,
  type Synthesized,
} from './fixtures.ts';

// Synthesised once per environment for the whole file.
const scratch = new Scratch();
let dev: Synthesized;
let prod: Synthesized;

beforeAll(() => {
  dev = synthesize(scratch, requiredContext('dev'));
  prod = synthesize(scratch, { ...requiredContext('prod'), ...ECR_IMAGE });
});
afterAll(() => scratch.remove());

/** The logical id of a construct's CloudFormation resource, never hard-coded. */
function logicalId({ stack }: Synthesized, construct: IConstruct): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnElement);
}

/** The part of the synthesised container definition these tests read. */
interface ContainerJson {
  readonly Name: string;
  readonly Image: unknown;
  readonly Environment: readonly { readonly Name: string }[];
  readonly Secrets: readonly { readonly Name: string }[];
}
/** The backend's container (the task also runs the collector's). */
function container(synthesized: Synthesized, name = BackendService.CONTAINER_NAME): ContainerJson {
  const [definition] = Object.values(synthesized.template.findResources('AWS::ECS::TaskDefinition'));
  const found = (definition.Properties.ContainerDefinitions as ContainerJson[]).find((c) => c.Name === name);
  if (!found) throw new Error(`No container ${name}`);
  return found;
}
const names = (entries: readonly { readonly Name: string }[]): string[] => entries.map((entry) => entry.Name).sort();

describe('database', () => {
  it('is not publicly accessible and lives in the isolated subnets', () => {
    dev.template.hasResourceProperties('AWS::RDS::DBInstance', { PubliclyAccessible: false });
    const isolated = dev.stack.network.vpc.isolatedSubnets.map((subnet) => ({ Ref: logicalId(dev, subnet) }));
    dev.template.hasResourceProperties('AWS::RDS::DBSubnetGroup', { SubnetIds: isolated });
  });

  it('encrypts storage and credentials with its own rotating KMS key', () => {
    const key = { 'Fn::GetAtt': [logicalId(dev, dev.stack.database.key), 'Arn'] };
    dev.template.hasResourceProperties('AWS::RDS::DBInstance', { StorageEncrypted: true, KmsKeyId: key });
    dev.template.hasResourceProperties('AWS::SecretsManager::Secret', { KmsKeyId: key });
    dev.template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('ends the sessions of vanished clients within about a minute (frees the sync leader’s lock)', () => {
    dev.template.hasResourceProperties('AWS::RDS::DBParameterGroup', {
      Parameters: { tcp_keepalives_idle: '30', tcp_keepalives_interval: '10', tcp_keepalives_count: '3' },
    });
  });

  it('runs the current PostgreSQL major with TLS forced', () => {
    const parameters = dev.stack.database.node.findChild('Parameters');
    dev.template.hasResourceProperties('AWS::RDS::DBParameterGroup', {
      Family: 'postgres18',
      Parameters: { 'rds.force_ssl': '1' },
    });
    dev.template.hasResourceProperties('AWS::RDS::DBInstance', {
      Engine: 'postgres',
      EngineVersion: '18',
      DBParameterGroupName: { Ref: logicalId(dev, parameters) },
    });
  });

  it('admits only the backend tasks', () => {
    const database = dev.stack.database.instance.connections.securityGroups[0];
    const ingress = Object.values(
      dev.template.findResources('AWS::EC2::SecurityGroupIngress', {
        Properties: { GroupId: { 'Fn::GetAtt': [logicalId(dev, database), 'GroupId'] } },
      }),
    );
    expect(ingress.map((rule) => rule.Properties)).toEqual([
      expect.objectContaining({
        SourceSecurityGroupId: { 'Fn::GetAtt': [logicalId(dev, dev.stack.backend.securityGroup), 'GroupId'] },
        FromPort: 5432,
        ToPort: 5432,
      }),
    ]);
  });

  it('is Multi-AZ, deletion-protected and snapshotted on removal in prod', () => {
    prod.template.hasResource('AWS::RDS::DBInstance', {
      Properties: Match.objectLike({ MultiAZ: true, DeletionProtection: true, BackupRetentionPeriod: 30 }),
      DeletionPolicy: 'Snapshot',
    });
  });

  it('is single-AZ, unprotected and deleted on removal in dev, still with backups for PITR', () => {
    dev.template.hasResource('AWS::RDS::DBInstance', {
      Properties: Match.objectLike({ MultiAZ: false, DeletionProtection: false, BackupRetentionPeriod: 1 }),
      DeletionPolicy: 'Delete',
    });
  });
});

describe('load balancer', () => {
  it('serves HTTPS with the configured certificate and a TLS 1.2+ policy', () => {
    dev.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Protocol: 'HTTPS',
      Port: 443,
      Certificates: [{ CertificateArn: requiredContext('dev').certificateArn }],
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09',
    });
  });

  it('redirects HTTP to HTTPS permanently', () => {
    dev.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [
        { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } },
      ],
    });
  });

  it('checks the backend on /health', () => {
    dev.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      HealthCheckPath: '/health',
      Matcher: { HttpCode: '200' },
      TargetType: 'ip',
    });
  });

  it('is the only thing open to the internet', () => {
    const openGroups = Object.entries(dev.template.findResources('AWS::EC2::SecurityGroup'))
      .filter(([, group]) => JSON.stringify(group.Properties.SecurityGroupIngress ?? []).includes('0.0.0.0/0'))
      .map(([id]) => id);
    expect(openGroups).toEqual([logicalId(dev, dev.stack.loadBalancer.securityGroup)]);
  });

  it('is deletion-protected in prod only', () => {
    const protection = { Key: 'deletion_protection.enabled', Value: 'true' };
    prod.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([protection]),
    });
    dev.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.not(Match.arrayWith([protection])),
    });
  });
});

describe('backend service', () => {
  it('passes configuration as plain environment and nothing secret', () => {
    expect(names(container(dev).Environment)).toEqual([
      'DATABASE_HOST',
      'DATABASE_NAME',
      'DATABASE_PORT',
      'DATABASE_SSL',
      'HOST',
      'NODE_ENV',
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'OTEL_SERVICE_NAME',
      'PORT',
      'SF_CLIENT_ID',
      'SF_LOGIN_URL',
      'SF_USERNAME',
    ]);
    // No value is read out of a secret into the task definition.
    const values = JSON.stringify(container(dev).Environment);
    expect(values).not.toMatch(/secretsmanager|resolve:/);
    expect(values).not.toContain(logicalId(dev, dev.stack.database.secret));
  });

  it('injects credentials and keys as ECS secrets from Secrets Manager', () => {
    const attachment = { Ref: logicalId(dev, dev.stack.database.secret) };
    const fromDatabase = (field: string) => ({ 'Fn::Join': ['', [attachment, `:${field}::`]] });
    expect(container(dev).Secrets).toEqual([
      { Name: 'DATABASE_USER', ValueFrom: fromDatabase('username') },
      { Name: 'DATABASE_PASSWORD', ValueFrom: fromDatabase('password') },
      { Name: 'PULSE_METRICS_TOKEN', ValueFrom: { Ref: logicalId(dev, dev.stack.backend.metricsToken) } },
      ...SALESFORCE_SECRET_KEYS.map((key) => ({ Name: key, ValueFrom: `${SALESFORCE_SECRET_ARN}:${key}::` })),
    ]);
    expect(names(container(dev).Secrets)).toEqual([
      'DATABASE_PASSWORD',
      'DATABASE_USER',
      'PULSE_METRICS_TOKEN',
      'PULSE_ORG_CERTIFICATE',
      'SF_PRIVATE_KEY',
    ]);
  });

  it('keeps logs for the environment’s retention, in every log group', () => {
    for (const [synthesized, days] of [
      [dev, 14],
      [prod, 365],
    ] as const) {
      const groups = Object.values(synthesized.template.findResources('AWS::Logs::LogGroup'));
      expect(groups.length).toBeGreaterThanOrEqual(2);
      expect(groups.map((group) => group.Properties.RetentionInDays)).toEqual(groups.map(() => days));
    }
    for (const name of [BackendService.CONTAINER_NAME, TelemetryCollector.CONTAINER_NAME]) {
      expect(container(dev, name)).toMatchObject({
        LogConfiguration: {
          LogDriver: 'awslogs',
          Options: { 'awslogs-group': { Ref: logicalId(dev, dev.stack.backend.logGroup) } },
        },
      });
    }
  });

  it('rolls back a failing deployment and runs in private subnets without public IPs', () => {
    dev.template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: Match.objectLike({ DeploymentCircuitBreaker: { Enable: true, Rollback: true } }),
      NetworkConfiguration: {
        AwsvpcConfiguration: Match.objectLike({
          AssignPublicIp: 'DISABLED',
          Subnets: dev.stack.network.vpc.privateSubnets.map((subnet) => ({ Ref: logicalId(dev, subnet) })),
        }),
      },
    });
  });

  it('scales on CPU and on requests per task between the environment’s bounds', () => {
    dev.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 1,
      MaxCapacity: 2,
    });
    prod.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 2,
      MaxCapacity: 6,
    });
    dev.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        TargetValue: 60,
      }),
    });
    const requestPolicies = Object.values(
      prod.template.findResources('AWS::ApplicationAutoScaling::ScalingPolicy', {
        Properties: {
          TargetTrackingScalingPolicyConfiguration: Match.objectLike({
            PredefinedMetricSpecification: Match.objectLike({ PredefinedMetricType: 'ALBRequestCountPerTarget' }),
            TargetValue: 600,
          }),
        },
      }),
    );
    expect(requestPolicies).toHaveLength(1);
    // The metric is the backend's own target group's.
    expect(JSON.stringify(requestPolicies[0])).toContain(logicalId(prod, prod.stack.backend.targetGroup));
  });

  it('gives the task role only the collector’s telemetry writes', () => {
    const taskRole = { Ref: logicalId(dev, dev.stack.backend.taskRole) };
    dev.template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [Match.objectLike({ Principal: { Service: 'ecs-tasks.amazonaws.com' } })],
      }),
      ManagedPolicyArns: Match.absent(),
      Policies: Match.absent(),
    });
    const statements = Object.values(dev.template.findResources('AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(JSON.stringify(taskRole)))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    const metrics = { 'Fn::GetAtt': [logicalId(dev, dev.stack.backend.collector.metricsLogGroup), 'Arn'] };
    expect(statements).toEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: metrics },
      {
        Effect: 'Allow',
        Action: [
          'xray:GetSamplingRules',
          'xray:GetSamplingStatisticSummaries',
          'xray:GetSamplingTargets',
          'xray:PutTelemetryRecords',
          'xray:PutTraceSegments',
        ],
        Resource: '*',
      },
    ]);
  });

  it('grants no wildcard actions anywhere in the stack', () => {
    for (const { template } of [dev, prod]) {
      const actions = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy) =>
        (policy.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap(
          (statement) => statement.Action,
        ),
      );
      expect(actions.length).toBeGreaterThan(0);
      expect(actions.filter((action) => action === '*' || action.endsWith(':*'))).toEqual([]);
    }
  });

  it('builds the backend folder in dev and pulls the given ECR image in prod', () => {
    expect(JSON.stringify(container(dev).Image)).toContain('cdk-hnb659fds-container-assets');
    expect(JSON.stringify(container(prod).Image)).toContain(`/${ECR_IMAGE.imageRepository}:${ECR_IMAGE.imageTag}`);
  });
});

describe('network', () => {
  it('spans two AZs with public, application and isolated subnets, and logs flows', () => {
    dev.template.resourceCountIs('AWS::EC2::Subnet', 6);
    // The region's first two AZs, resolved at deploy time: no lookup, nothing hard-coded.
    dev.template.hasResourceProperties('AWS::EC2::Subnet', {
      AvailabilityZone: { 'Fn::Select': [1, { 'Fn::GetAZs': '' }] },
    });
    dev.template.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', ResourceType: 'VPC' });
  });

  it('reaches S3, ECR, Secrets Manager and CloudWatch Logs through endpoints', () => {
    dev.template.resourceCountIs('AWS::EC2::VPCEndpoint', 5);
    dev.template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] },
    });
    for (const service of ['ecr.api', 'ecr.dkr', 'secretsmanager', 'logs']) {
      dev.template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
        VpcEndpointType: 'Interface',
        ServiceName: `com.amazonaws.eu-west-1.${service}`,
        PrivateDnsEnabled: true,
      });
    }
  });

  it('uses one NAT gateway in dev and one per AZ in prod', () => {
    dev.template.resourceCountIs('AWS::EC2::NatGateway', 1);
    prod.template.resourceCountIs('AWS::EC2::NatGateway', 2);
  });
});

describe('stack', () => {
  it('is termination-protected in prod only', () => {
    expect(prod.stack.terminationProtection).toBe(true);
    expect(dev.stack.terminationProtection).toBe(false);
  });

  it('targets the configured account and region without lookups', () => {
    expect(dev.stack.account).toBe('123456789012');
    expect(dev.stack.region).toBe('eu-west-1');
    expect(dev.app.synth().manifest.missing).toBeUndefined();
  });
});
