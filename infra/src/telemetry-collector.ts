import { Fn, Stack, Validations } from 'aws-cdk-lib';
import {
  ContainerImage,
  LogDrivers,
  Secret as EcsSecret,
  type ContainerDefinition,
  type TaskDefinition,
} from 'aws-cdk-lib/aws-ecs';
import { PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/**
 * The backend's Prometheus metrics the alarms and the dashboard read, as the backend names them
 * (backend/src/sync/status/sync-metrics.ts; infra/test/pulse-stack.spec.ts checks they exist).
 */
export const BACKEND_METRICS = {
  syncLagSeconds: 'pulse_sync_lag_seconds',
  eventsApplied: 'pulse_sync_events_applied_total',
  syncErrors: 'pulse_sync_errors_total',
} as const;

/** The dimension every exported metric carries (a static scrape label). */
export const SERVICE_DIMENSION = { Service: 'pulse-backend' } as const;

/** The OTLP endpoint the backend's OpenTelemetry SDK exports traces to (inside the task). */
export const OTLP_HTTP_ENDPOINT = 'http://127.0.0.1:4318';

export interface TelemetryCollectorProps {
  readonly taskDefinition: TaskDefinition;
  /** Where the collector's own log lines go (the task's log group). */
  readonly logGroup: ILogGroup;
  /** CloudWatch namespace of the exported metrics, e.g. `Pulse/prod`. */
  readonly namespace: string;
  /** The bearer token the backend requires on `/metrics` (PULSE_METRICS_TOKEN). */
  readonly metricsToken: ISecret;
  /** The backend's port inside the task. */
  readonly backendPort: number;
  /** @default RetentionDays.ONE_MONTH */
  readonly metricsRetention?: RetentionDays;
  /**
   * ADOT collector image, pinned.
   * @default TelemetryCollector.IMAGE
   */
  readonly image?: ContainerImage;
}

/**
 * An AWS Distro for OpenTelemetry collector beside the backend in every task. It scrapes the
 * backend's Prometheus `/metrics` over localhost (with the metrics token) once a minute and
 * writes them to CloudWatch as embedded metric format (EMF) log events, which CloudWatch turns
 * into metrics; and it forwards OTLP traces from the backend to X-Ray. It is not essential: if it
 * dies the backend keeps serving, and the sync-lag alarm (missing data is breaching) says so.
 */
export class TelemetryCollector extends Construct {
  static readonly CONTAINER_NAME = 'otel-collector';
  static readonly IMAGE = ContainerImage.fromRegistry('public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1');

  readonly container: ContainerDefinition;
  /** EMF log events; CloudWatch extracts the metrics from them. */
  readonly metricsLogGroup: LogGroup;

  constructor(scope: Construct, id: string, props: TelemetryCollectorProps) {
    super(scope, id);
    if (!/^[\w./#:-]{1,255}$/.test(props.namespace) || props.namespace.startsWith('AWS/')) {
      throw new Error(`TelemetryCollector: namespace must be a custom CloudWatch namespace, got "${props.namespace}"`);
    }
    // Named, so the collector's configuration holds a plain string rather than a reference.
    const metricsLogGroupName = `/${Stack.of(this).stackName}/metrics`;
    this.metricsLogGroup = new LogGroup(this, 'Metrics', {
      logGroupName: metricsLogGroupName,
      retention: props.metricsRetention ?? RetentionDays.ONE_MONTH,
    });
    const config = collectorConfig({ namespace: props.namespace, metricsLogGroupName, backendPort: props.backendPort });
    this.container = props.taskDefinition.addContainer(TelemetryCollector.CONTAINER_NAME, {
      image: props.image ?? TelemetryCollector.IMAGE,
      essential: false,
      memoryReservationMiB: 128,
      logging: LogDrivers.awsLogs({ logGroup: props.logGroup, streamPrefix: TelemetryCollector.CONTAINER_NAME }),
      // ADOT reads its configuration from this variable (YAML, of which JSON is a part). The
      // collector expands `${env:PULSE_METRICS_TOKEN}` itself, so the token never appears in the
      // task definition; Fn::Sub turns the escaped `${!env:...}` back into that literal text.
      environment: { AOT_CONFIG_CONTENT: Fn.sub(JSON.stringify(config).replaceAll('${env:', '${!env:')) },
      secrets: { PULSE_METRICS_TOKEN: EcsSecret.fromSecretsManager(props.metricsToken) },
      // The image has no shell: exec form. `/healthcheck` asks the health_check extension.
      healthCheck: { command: ['CMD', '/healthcheck'] },
    });

    const role = props.taskDefinition.taskRole as IRole;
    this.metricsLogGroup.grantWrite(role);
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [
          'xray:PutTraceSegments',
          'xray:PutTelemetryRecords',
          'xray:GetSamplingRules',
          'xray:GetSamplingTargets',
          'xray:GetSamplingStatisticSummaries',
        ],
        resources: ['*'],
      }),
    );
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray trace and sampling actions support no resource-level permissions; the only other grant is writing to the metrics log group, scoped to it.',
    });
  }
}

export interface CollectorConfigOptions {
  readonly namespace: string;
  readonly metricsLogGroupName: string;
  readonly backendPort: number;
}

/** The collector's configuration (OpenTelemetry Collector format, as JSON). */
export function collectorConfig(options: CollectorConfigOptions): Record<string, unknown> {
  const [dimension] = Object.keys(SERVICE_DIMENSION);
  const exact = (name: string) => `^${name}$`;
  return {
    extensions: { health_check: {} },
    receivers: {
      prometheus: {
        config: {
          global: { scrape_interval: '60s', scrape_timeout: '10s' },
          scrape_configs: [
            {
              job_name: 'pulse-backend',
              metrics_path: '/metrics',
              static_configs: [{ targets: [`127.0.0.1:${options.backendPort}`], labels: SERVICE_DIMENSION }],
              authorization: { type: 'Bearer', credentials: '${env:PULSE_METRICS_TOKEN}' },
            },
          ],
        },
      },
      otlp: { protocols: { grpc: { endpoint: '127.0.0.1:4317' }, http: { endpoint: '127.0.0.1:4318' } } },
    },
    // The ECS detector names the task, for the EMF log stream (`{TaskId}`).
    processors: { batch: {}, resourcedetection: { detectors: ['env', 'ecs'], timeout: '5s', override: false } },
    exporters: {
      awsemf: {
        namespace: options.namespace,
        log_group_name: options.metricsLogGroupName,
        log_stream_name: '{TaskId}',
        dimension_rollup_option: 'NoDimensionRollup',
        // Only what alarms and the dashboard read becomes a CloudWatch metric (each one costs).
        metric_declarations: [
          {
            dimensions: [[dimension]],
            metric_name_selectors: [
              exact(BACKEND_METRICS.syncLagSeconds),
              exact(BACKEND_METRICS.eventsApplied),
              exact(BACKEND_METRICS.syncErrors),
              '^pulse_http_.*',
            ],
          },
          { dimensions: [[dimension, 'sobject']], metric_name_selectors: [exact(BACKEND_METRICS.eventsApplied)] },
        ],
      },
      awsxray: {},
    },
    service: {
      extensions: ['health_check'],
      pipelines: {
        metrics: { receivers: ['prometheus'], processors: ['resourcedetection', 'batch'], exporters: ['awsemf'] },
        traces: { receivers: ['otlp'], processors: ['batch'], exporters: ['awsxray'] },
      },
    },
  };
}
