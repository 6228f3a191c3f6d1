// The parts that keep Pulse running in the open: the web firewall, the telemetry collector, the
// alarms and their topic, the dashboard, and how they differ between environments.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { BACKEND_METRICS, TelemetryCollector } from '../src/telemetry-collector.ts';
import { WebFirewall } from '../src/web-firewall.ts';
import { ECR_IMAGE, Scratch, requiredContext, synthesize, type Synthesized } from './fixtures.ts';

const scratch = new Scratch();
let dev: Synthesized;
let prod: Synthesized;
let restricted: Synthesized;

const ALLOWED = ['203.0.113.0/24', '198.51.100.7/32'];

beforeAll(() => {
  dev = synthesize(scratch, requiredContext('dev'));
  prod = synthesize(scratch, { ...requiredContext('prod'), ...ECR_IMAGE, alarmEmail: 'oncall@example.com' });
  restricted = synthesize(scratch, { ...requiredContext('staging'), ...ECR_IMAGE, allowedCidrs: ALLOWED.join(', ') });
});
afterAll(() => scratch.remove());

function logicalId({ stack }: Synthesized, construct: IConstruct): string {
  return stack.getLogicalId((construct.node.defaultChild ?? construct) as CfnElement);
}

interface RuleJson {
  readonly Name: string;
  readonly Priority: number;
  readonly Statement: Record<string, unknown>;
  readonly Action?: Record<string, unknown>;
}
function webAclRules({ template }: Synthesized): RuleJson[] {
  const [acl] = Object.values(template.findResources('AWS::WAFv2::WebACL'));
  return acl.Properties.Rules as RuleJson[];
}

describe('web firewall', () => {
  it('is associated with the load balancer', () => {
    dev.template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
    dev.template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: { Ref: logicalId(dev, dev.stack.loadBalancer.loadBalancer) },
      WebACLArn: { 'Fn::GetAtt': [logicalId(dev, dev.stack.firewall.webAcl), 'Arn'] },
    });
    dev.template.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'REGIONAL', DefaultAction: { Allow: {} } });
  });

  it('blocks /metrics, then rate-limits per IP, then applies the AWS managed rule groups', () => {
    expect(webAclRules(dev).map((rule) => rule.Name)).toEqual([
      'BlockInternalPaths',
      'RateLimitPerIp',
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
    ]);
    expect(webAclRules(dev).map((rule) => rule.Priority)).toEqual([0, 1, 2, 3]);
    const [internal, rate, ...managed] = webAclRules(dev);
    expect(internal).toMatchObject({
      Action: { Block: {} },
      Statement: { ByteMatchStatement: { SearchString: '/metrics', PositionalConstraint: 'STARTS_WITH' } },
    });
    expect(rate).toMatchObject({
      Action: { Block: {} },
      Statement: { RateBasedStatement: { AggregateKeyType: 'IP', Limit: 2000, EvaluationWindowSec: 300 } },
    });
    expect(managed.map((rule) => rule.Statement)).toEqual(
      WebFirewall.MANAGED_RULE_GROUPS.map((name) => ({ ManagedRuleGroupStatement: { VendorName: 'AWS', Name: name } })),
    );
  });

  it('allows a larger burst per IP in prod, where more users share Salesforce’s egress IPs', () => {
    expect(webAclRules(prod)[1].Statement).toMatchObject({ RateBasedStatement: { Limit: 20000 } });
  });

  it('admits everyone without allowedCidrs, and only those ranges (plus GET /health) with them', () => {
    dev.template.resourceCountIs('AWS::WAFv2::IPSet', 0);
    restricted.template.hasResourceProperties('AWS::WAFv2::IPSet', {
      Addresses: ALLOWED,
      IPAddressVersion: 'IPV4',
      Scope: 'REGIONAL',
    });
    const last = webAclRules(restricted).at(-1) as RuleJson;
    expect(last.Name).toBe('BlockOutsideAllowList');
    expect(last.Action).toEqual({ Block: {} });
    const ipSet = { 'Fn::GetAtt': [logicalId(restricted, restricted.stack.firewall.allowList as IConstruct), 'Arn'] };
    expect(last.Statement).toEqual({
      AndStatement: {
        Statements: [
          { NotStatement: { Statement: { IPSetReferenceStatement: { Arn: ipSet } } } },
          {
            NotStatement: {
              Statement: {
                AndStatement: {
                  Statements: [
                    expect.objectContaining({
                      ByteMatchStatement: expect.objectContaining({
                        SearchString: '/health',
                        PositionalConstraint: 'EXACTLY',
                      }),
                    }),
                    expect.objectContaining({
                      ByteMatchStatement: expect.objectContaining({
                        SearchString: 'GET',
                        FieldToMatch: { Method: {} },
                      }),
                    }),
                  ],
                },
              },
            },
          },
        ],
      },
    });
  });

  it('logs blocked requests, without the Authorization header, for the environment’s retention', () => {
    const logs = dev.stack.firewall.logGroup;
    dev.template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: Match.stringLikeRegexp('^aws-waf-logs-'),
      RetentionInDays: 14,
    });
    dev.template.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      ResourceArn: { 'Fn::GetAtt': [logicalId(dev, dev.stack.firewall.webAcl), 'Arn'] },
      LogDestinationConfigs: [{ 'Fn::GetAtt': [logicalId(dev, logs), 'Arn'] }],
      RedactedFields: [{ SingleHeader: { Name: 'authorization' } }],
    });
  });
});

/** The collector's configuration, as the container receives it (Fn::Sub's `${!x}` is `${x}`). */
function collectorConfig(synthesized: Synthesized) {
  const [definition] = Object.values(synthesized.template.findResources('AWS::ECS::TaskDefinition'));
  const collector = (
    definition.Properties.ContainerDefinitions as { Name: string; Environment: { Value: { 'Fn::Sub': string } }[] }[]
  ).find((container) => container.Name === TelemetryCollector.CONTAINER_NAME);
  const text = collector?.Environment[0].Value['Fn::Sub'] as string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the collector's free-form configuration
  return JSON.parse(text.replaceAll('${!', '${')) as any;
}

describe('telemetry collector sidecar', () => {
  it('runs a pinned ADOT collector beside the backend, non-essential, health-checked without a shell', () => {
    dev.template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: Match.arrayWith([
        Match.objectLike({
          Name: TelemetryCollector.CONTAINER_NAME,
          Image: Match.stringLikeRegexp(
            '^public\\.ecr\\.aws/aws-observability/aws-otel-collector:v\\d+\\.\\d+\\.\\d+$',
          ),
          Essential: false,
          HealthCheck: Match.objectLike({ Command: ['CMD', '/healthcheck'] }),
          Secrets: [
            { Name: 'PULSE_METRICS_TOKEN', ValueFrom: { Ref: logicalId(dev, dev.stack.backend.metricsToken) } },
          ],
        }),
      ]),
    });
  });

  it('scrapes the backend’s /metrics over localhost with the metrics token from the environment', () => {
    const [scrape] = collectorConfig(dev).receivers.prometheus.config.scrape_configs;
    expect(scrape).toMatchObject({
      metrics_path: '/metrics',
      static_configs: [{ targets: ['127.0.0.1:3000'], labels: { Service: 'pulse-backend' } }],
      authorization: { type: 'Bearer', credentials: '${env:PULSE_METRICS_TOKEN}' },
    });
    // The token's value is never in the template: only the secret's reference.
    expect(JSON.stringify(dev.template.toJSON())).not.toMatch(/"credentials":"[A-Za-z0-9]{48}"/);
  });

  it('writes EMF to its own log group in the environment’s namespace, and traces to X-Ray', () => {
    const config = collectorConfig(prod);
    const metricsLogGroup = prod.stack.backend.collector.metricsLogGroup;
    expect(config.exporters.awsemf).toMatchObject({ namespace: 'Pulse/prod', log_group_name: '/Pulse-prod/metrics' });
    prod.template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/Pulse-prod/metrics',
      RetentionInDays: 365,
    });
    expect(logicalId(prod, metricsLogGroup)).toMatch(/Metrics/);
    const selectors = config.exporters.awsemf.metric_declarations.flatMap(
      (declaration: { metric_name_selectors: string[] }) => declaration.metric_name_selectors,
    );
    for (const name of Object.values(BACKEND_METRICS)) expect(selectors).toContain(`^${name}$`);
    expect(config.service.pipelines).toEqual({
      metrics: { receivers: ['prometheus'], processors: ['resourcedetection', 'batch'], exporters: ['awsemf'] },
      traces: { receivers: ['otlp'], processors: ['batch'], exporters: ['awsxray'] },
    });
  });

  it('reads metric names the backend really registers', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((entry) => {
        const path = join(dir, entry);
        return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
      });
    const backend = sources(join(__dirname, '..', '..', 'backend', 'src'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    for (const name of Object.values(BACKEND_METRICS)) expect(backend).toContain(`'${name}'`);
  });
});

describe('alarms', () => {
  const topicOf = (synthesized: Synthesized) => ({ Ref: logicalId(synthesized, synthesized.stack.monitoring.topic) });

  it('sends every alarm, and its recovery, to the SNS topic', () => {
    const alarms = Object.values(prod.template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(6);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([topicOf(prod)]);
      expect(alarm.Properties.OKActions).toEqual([topicOf(prod)]);
    }
  });

  it('encrypts the topic with a rotating key CloudWatch may use, and refuses plain HTTP publishing', () => {
    const key = prod.stack.monitoring.topicKey;
    prod.template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [logicalId(prod, key), 'Arn'] },
    });
    prod.template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
    prod.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('subscribes the alarm e-mail when one is configured, and nobody otherwise', () => {
    prod.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
      TopicArn: topicOf(prod),
    });
    dev.template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('watches the 5xx rate and p95 latency from the load balancer', () => {
    const alarms = dev.stack.monitoring.alarms;
    const errorRate = dev.template.toJSON().Resources[logicalId(dev, alarms.errorRate)].Properties;
    expect(errorRate.Threshold).toBe(5);
    expect(errorRate.Metrics.map((metric: { Id: string }) => metric.Id).sort()).toEqual([
      'elb5xx',
      'expr_1',
      'requests',
      'target5xx',
    ]);
    expect(JSON.stringify(errorRate.Metrics)).toContain('HTTPCode_Target_5XX_Count');
    dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApplicationELB',
      MetricName: 'TargetResponseTime',
      ExtendedStatistic: 'p95',
      Threshold: 2,
    });
  });

  it('watches sync lag from the backend’s metric while changes are applied, treating silence as lag', () => {
    const alarm = dev.template.toJSON().Resources[logicalId(dev, dev.stack.monitoring.alarms.syncLag)].Properties;
    expect(alarm).toMatchObject({ Threshold: 300, TreatMissingData: 'breaching', EvaluationPeriods: 5 });
    const byId = Object.fromEntries(alarm.Metrics.map((metric: { Id: string }) => [metric.Id, metric]));
    expect(byId.expr_1).toMatchObject({ Expression: 'IF(FILL(applied, 0) > 0, lag, 0)', ReturnData: true });
    const backendMetric = (name: string, stat: string) => ({
      ReturnData: false,
      MetricStat: {
        Metric: {
          Namespace: 'Pulse/dev',
          MetricName: name,
          Dimensions: [{ Name: 'Service', Value: 'pulse-backend' }],
        },
        Period: 60,
        Stat: stat,
      },
    });
    expect(byId.lag).toMatchObject(backendMetric(BACKEND_METRICS.syncLagSeconds, 'Maximum'));
    expect(byId.applied).toMatchObject(backendMetric(BACKEND_METRICS.eventsApplied, 'Sum'));
  });

  it('watches database CPU, free storage and connections, the last sized per environment', () => {
    const database = { DBInstanceIdentifier: { Ref: logicalId(dev, dev.stack.database.instance) } };
    for (const [metric, comparison] of [
      ['CPUUtilization', 'GreaterThanThreshold'],
      ['FreeStorageSpace', 'LessThanThreshold'],
      ['DatabaseConnections', 'GreaterThanThreshold'],
    ]) {
      dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/RDS',
        MetricName: metric,
        ComparisonOperator: comparison,
        Dimensions: [{ Name: 'DBInstanceIdentifier', Value: database.DBInstanceIdentifier }],
      });
    }
    dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'DatabaseConnections', Threshold: 80 });
    prod.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'DatabaseConnections',
      Threshold: 700,
    });
  });
});

describe('dashboard', () => {
  it('shows the alarms and the API, sync and database metrics, one per environment', () => {
    dev.template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    dev.template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'Pulse-dev' });
    const [dashboard] = Object.values(dev.template.findResources('AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const shown of [
      'RequestCount',
      'TargetResponseTime',
      BACKEND_METRICS.syncLagSeconds,
      BACKEND_METRICS.eventsApplied,
      'CPUUtilization',
      'DatabaseConnections',
      'FreeStorageSpace',
    ]) {
      expect(body).toContain(shown);
    }
    for (const alarm of Object.values(dev.stack.monitoring.alarms)) expect(body).toContain(logicalId(dev, alarm));
  });
});
