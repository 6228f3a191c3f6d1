import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { HttpCodeElb, HttpCodeTarget, type ApplicationLoadBalancer } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { DatabaseInstance } from 'aws-cdk-lib/aws-rds';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { BackendService } from './backend-service.ts';
import { BACKEND_METRICS, SERVICE_DIMENSION } from './telemetry-collector.ts';

export interface MonitoringProps {
  readonly loadBalancer: ApplicationLoadBalancer;
  readonly backend: BackendService;
  readonly database: DatabaseInstance;
  /** Namespace of the backend's metrics (the collector's EMF namespace). */
  readonly metricsNamespace: string;
  /** Subscribed to the alarm topic when given. */
  readonly alarmEmail?: string;
  /** @default 80 */
  readonly databaseConnections?: number;
  /** Percent of requests answered 5xx (by the backend or the load balancer). @default 5 */
  readonly errorRatePercent?: number;
  /** @default Duration.seconds(2) */
  readonly latencyP95?: Duration;
  /** @default Duration.minutes(5) */
  readonly syncLag?: Duration;
  /** @default 80 */
  readonly databaseCpuPercent?: number;
  /** Free storage below this alarms (storage autoscaling should have grown it first). @default 2 GiB */
  readonly databaseFreeStorageBytes?: number;
  /** Title of the dashboard. */
  readonly dashboardName: string;
}

/**
 * What tells an operator Pulse is unhealthy: alarms on the API (5xx rate, p95 latency), the sync
 * (lag, from the backend's own metric) and the database (CPU, free storage, connections), all
 * sent to one encrypted SNS topic; and a dashboard of the same numbers.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly topicKey: Key;
  readonly dashboard: Dashboard;
  /** Every alarm, by purpose; each notifies `topic` when it fires and when it recovers. */
  readonly alarms: {
    readonly errorRate: Alarm;
    readonly latencyP95: Alarm;
    readonly syncLag: Alarm;
    readonly databaseCpu: Alarm;
    readonly databaseFreeStorage: Alarm;
    readonly databaseConnections: Alarm;
  };

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const errorRatePercent = props.errorRatePercent ?? 5;
    if (errorRatePercent <= 0 || errorRatePercent >= 100) {
      throw new Error(`Monitoring: errorRatePercent must be between 0 and 100, got ${errorRatePercent}`);
    }
    const connections = props.databaseConnections ?? 80;
    if (!Number.isInteger(connections) || connections < 1) {
      throw new Error(`Monitoring: databaseConnections must be a whole number from 1, got ${connections}`);
    }

    // CloudWatch can publish to an encrypted topic only with a customer-managed key that lets it.
    this.topicKey = new Key(this, 'TopicKey', {
      description: `Pulse alarm topic (${this.node.path})`,
      enableKeyRotation: true,
    });
    this.topicKey.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Pulse alarms',
      masterKey: this.topicKey,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    const alb = props.loadBalancer.metrics;
    const fiveMinutes = Duration.minutes(5);
    const requests = alb.requestCount({ period: fiveMinutes });
    const errors = new MathExpression({
      label: '5xx responses (%)',
      expression: '100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests',
      usingMetrics: {
        target5xx: alb.httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, { period: fiveMinutes }),
        elb5xx: alb.httpCodeElb(HttpCodeElb.ELB_5XX_COUNT, { period: fiveMinutes }),
        requests,
      },
      period: fiveMinutes,
    });
    const latencyP95 = alb.targetResponseTime({ statistic: 'p95', period: Duration.minutes(1) });
    const backendMetric = (metricName: string, statistic: string, dimensions: Record<string, string> = {}) =>
      new Metric({
        namespace: props.metricsNamespace,
        metricName,
        dimensionsMap: { ...SERVICE_DIMENSION, ...dimensions },
        statistic,
        period: Duration.minutes(1),
      });
    // Every task reports its sync; only the leader's applies changes, so the worst one counts.
    const syncLag = backendMetric(BACKEND_METRICS.syncLagSeconds, 'Maximum');
    const eventsApplied = backendMetric(BACKEND_METRICS.eventsApplied, 'Sum');
    // The backend's lag is "now minus the last change applied", so it also grows while the org is
    // simply quiet (every night). The alarm reads it only in minutes when changes are applied:
    // then a large value means the mirror is applying old changes, i.e. it is behind. Without the
    // lag metric (no collector, no backend) the expression has no data, which is breaching.
    const syncLagWhileApplying = new MathExpression({
      label: 'Sync lag while applying changes (s)',
      expression: 'IF(FILL(applied, 0) > 0, lag, 0)',
      usingMetrics: { lag: syncLag, applied: eventsApplied },
      period: Duration.minutes(1),
    });
    const syncErrors = backendMetric(BACKEND_METRICS.syncErrors, 'Sum');
    const db = props.database;
    const databaseCpu = db.metricCPUUtilization({ period: fiveMinutes });
    const freeStorage = db.metricFreeStorageSpace({ period: fiveMinutes, statistic: 'Minimum' });
    const databaseConnections = db.metricDatabaseConnections({ period: fiveMinutes, statistic: 'Maximum' });

    const alarm = (name: string, metric: IMetric, options: AlarmOptions): Alarm => {
      const created = new Alarm(this, name, {
        metric,
        alarmDescription: options.description,
        threshold: options.threshold,
        comparisonOperator: options.comparison ?? ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: options.periods,
        datapointsToAlarm: options.datapoints ?? options.periods,
        treatMissingData: options.missing ?? TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new SnsAction(this.topic));
      created.addOkAction(new SnsAction(this.topic));
      return created;
    };
    const latencySeconds = (props.latencyP95 ?? Duration.seconds(2)).toMilliseconds() / 1000;
    const lagSeconds = (props.syncLag ?? Duration.minutes(5)).toSeconds();
    const freeBytes = props.databaseFreeStorageBytes ?? 2 * 1024 ** 3;
    const databaseCpuPercent = props.databaseCpuPercent ?? 80;
    this.alarms = {
      errorRate: alarm('ErrorRate', errors, {
        description: `More than ${errorRatePercent}% of API requests answered 5xx over 5 minutes, twice in a row`,
        threshold: errorRatePercent,
        periods: 2,
      }),
      latencyP95: alarm('LatencyP95', latencyP95, {
        description: `p95 API response time above ${latencySeconds} s in 5 of the last 5 minutes`,
        threshold: latencySeconds,
        periods: 5,
      }),
      // No data means no collector or no backend: the mirror may be stale, which is what this guards.
      syncLag: alarm('SyncLag', syncLagWhileApplying, {
        description: `The mirror applies changes more than ${lagSeconds} s after Salesforce committed them (or no task reports sync metrics), for 5 minutes`,
        threshold: lagSeconds,
        periods: 5,
        missing: TreatMissingData.BREACHING,
      }),
      databaseCpu: alarm('DatabaseCpu', databaseCpu, {
        description: `Database CPU above ${databaseCpuPercent}% for 15 minutes`,
        threshold: databaseCpuPercent,
        periods: 3,
      }),
      databaseFreeStorage: alarm('DatabaseFreeStorage', freeStorage, {
        description: `Database free storage below ${freeBytes / 1024 ** 3} GiB (storage autoscaling did not keep up, or hit its ceiling)`,
        threshold: freeBytes,
        comparison: ComparisonOperator.LESS_THAN_THRESHOLD,
        periods: 2,
      }),
      databaseConnections: alarm('DatabaseConnections', databaseConnections, {
        description: `More than ${connections} database connections (near max_connections for the instance size)`,
        threshold: connections,
        periods: 3,
      }),
    };

    const service = props.backend.service;
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.hours(3),
    });
    const graph = (title: string, left: IMetric[], right: IMetric[] = []) =>
      new GraphWidget({ title, left, right, width: 8, height: 6 });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# ${props.dashboardName}\nAlarms go to SNS topic \`${this.topic.node.path}\`. Backend metrics: namespace \`${props.metricsNamespace}\`.`,
        width: 24,
        height: 2,
      }),
      new AlarmStatusWidget({ title: 'Alarms', alarms: Object.values(this.alarms), width: 24, height: 3 }),
    );
    this.dashboard.addWidgets(
      graph('Requests and 5xx rate', [requests], [errors]),
      graph('Response time (s)', [
        alb.targetResponseTime({ statistic: 'p50', period: Duration.minutes(1) }),
        latencyP95,
        alb.targetResponseTime({ statistic: 'p99', period: Duration.minutes(1) }),
      ]),
      graph('Tasks: CPU and memory (%)', [service.metricCpuUtilization(), service.metricMemoryUtilization()]),
    );
    this.dashboard.addWidgets(
      graph('Sync lag (s)', [syncLag]),
      graph('Change events applied and sync errors (per minute)', [eventsApplied], [syncErrors]),
      graph('Database CPU (%) and connections', [databaseCpu], [databaseConnections]),
    );
    this.dashboard.addWidgets(graph('Database free storage (bytes)', [freeStorage]));
  }
}

interface AlarmOptions {
  readonly description: string;
  readonly threshold: number;
  readonly periods: number;
  readonly datapoints?: number;
  readonly comparison?: ComparisonOperator;
  readonly missing?: TreatMissingData;
}
