import { Duration, Validations } from 'aws-cdk-lib';
import { Peer, Port, SecurityGroup, SubnetType, type IVpc } from 'aws-cdk-lib/aws-ec2';
import {
  Cluster,
  ContainerInsights,
  CpuArchitecture,
  FargateService,
  FargateTaskDefinition,
  LogDrivers,
  OperatingSystemFamily,
  Secret as EcsSecret,
  type ContainerImage,
} from 'aws-cdk-lib/aws-ecs';
import {
  ApplicationProtocol,
  type ApplicationListener,
  type ApplicationTargetGroup,
} from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { Database } from './database.ts';
import { OTLP_HTTP_ENDPOINT, TelemetryCollector } from './telemetry-collector.ts';

/** JSON keys the Salesforce secret must hold; each becomes the environment variable of that name. */
export const SALESFORCE_SECRET_KEYS = ['SF_PRIVATE_KEY', 'PULSE_ORG_CERTIFICATE'] as const;

export interface SalesforceSettings {
  readonly loginUrl: string;
  readonly username: string;
  readonly clientId: string;
  /** JSON secret with the keys in `SALESFORCE_SECRET_KEYS`. */
  readonly secret: ISecret;
}

export interface BackendServiceProps {
  readonly vpc: IVpc;
  readonly image: ContainerImage;
  /** The tasks become this listener's default target. */
  readonly listener: ApplicationListener;
  readonly database: Database;
  readonly salesforce: SalesforceSettings;
  /** @default 3000 */
  readonly containerPort?: number;
  /** Fargate CPU units. @default 256 */
  readonly cpu?: number;
  /** @default 512 */
  readonly memoryMiB?: number;
  /** @default 1 */
  readonly minTasks?: number;
  /** @default 2 */
  readonly maxTasks?: number;
  /** Average CPU the autoscaling aims for. @default 60 */
  readonly targetCpuPercent?: number;
  /** Requests per task per minute the autoscaling aims for. @default 1000 */
  readonly requestsPerTarget?: number;
  /** CloudWatch namespace of the backend's own metrics. @default 'Pulse' */
  readonly metricsNamespace?: string;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** @default '/health' */
  readonly healthCheckPath?: string;
}

/**
 * The NestJS backend on Fargate in the private subnets, the default target of the HTTPS
 * listener. Configuration arrives as environment variables; credentials only as ECS secrets,
 * which ECS resolves at task start so they never appear in the task definition.
 *
 * Every task runs the same process: the API and the sync. Only one task's sync is active at a
 * time: it holds a PostgreSQL advisory lock (the backend's leader lock) and the others wait for
 * it. When that task dies its database session ends, the lock is released and another task's
 * sync takes over, so scaling in or out and rolling deploys need nothing from the infrastructure.
 *
 * Beside the backend runs a telemetry collector (`TelemetryCollector`): metrics to CloudWatch,
 * traces to X-Ray. Autoscaling follows CPU and requests per task, whichever asks for more.
 */
export class BackendService extends Construct {
  static readonly CONTAINER_NAME = 'backend';

  readonly cluster: Cluster;
  readonly taskDefinition: FargateTaskDefinition;
  readonly service: FargateService;
  /** The task's AWS identity: only the collector's telemetry writes (the backend calls no AWS API). */
  readonly taskRole: Role;
  readonly logGroup: LogGroup;
  readonly securityGroup: SecurityGroup;
  readonly targetGroup: ApplicationTargetGroup;
  readonly collector: TelemetryCollector;
  /** Bearer token for the backend's `/metrics`, shared by the backend and the collector. */
  readonly metricsToken: Secret;

  constructor(scope: Construct, id: string, props: BackendServiceProps) {
    super(scope, id);
    const containerPort = props.containerPort ?? 3000;
    const minTasks = props.minTasks ?? 1;
    const maxTasks = props.maxTasks ?? 2;
    const targetCpuPercent = props.targetCpuPercent ?? 60;
    const requestsPerTarget = props.requestsPerTarget ?? 1000;
    if (!Number.isInteger(containerPort) || containerPort < 1024 || containerPort > 65535) {
      throw new Error(`BackendService: containerPort must be an unprivileged port (1024-65535), got ${containerPort}`);
    }
    if (!Number.isInteger(minTasks) || minTasks < 1 || maxTasks < minTasks) {
      throw new Error(
        `BackendService: need 1 <= minTasks <= maxTasks, got minTasks ${minTasks} and maxTasks ${maxTasks}`,
      );
    }
    if (targetCpuPercent < 10 || targetCpuPercent > 90) {
      throw new Error(`BackendService: targetCpuPercent must be between 10 and 90, got ${targetCpuPercent}`);
    }
    if (!Number.isInteger(requestsPerTarget) || requestsPerTarget < 1) {
      throw new Error(`BackendService: requestsPerTarget must be a whole number from 1, got ${requestsPerTarget}`);
    }

    this.cluster = new Cluster(this, 'Cluster', { vpc: props.vpc, containerInsightsV2: ContainerInsights.ENABLED });
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention ?? RetentionDays.ONE_MONTH });
    this.taskRole = new Role(this, 'TaskRole', {
      assumedBy: new ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'Pulse backend task: telemetry writes only (metrics log group, X-Ray)',
    });
    this.metricsToken = new Secret(this, 'MetricsToken', {
      description: 'Pulse: bearer token for the backend /metrics, read by the collector sidecar',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(this.metricsToken).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The token only authenticates the collector sidecar to the backend over localhost inside one task, and the WAF blocks /metrics at the edge. Both containers read it at task start; to change it, put a new value and force a new deployment.',
    });

    this.taskDefinition = new FargateTaskDefinition(this, 'Task', {
      cpu: props.cpu ?? 256,
      memoryLimitMiB: props.memoryMiB ?? 512,
      taskRole: this.taskRole,
      // The image is built for x86_64 (see `backendImage`); both must change together.
      runtimePlatform: { cpuArchitecture: CpuArchitecture.X86_64, operatingSystemFamily: OperatingSystemFamily.LINUX },
    });
    const { database, salesforce } = props;
    this.taskDefinition.addContainer(BackendService.CONTAINER_NAME, {
      image: props.image,
      portMappings: [{ containerPort }],
      logging: LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: BackendService.CONTAINER_NAME }),
      environment: {
        NODE_ENV: 'production',
        HOST: '0.0.0.0', // the backend binds to loopback unless told otherwise
        PORT: String(containerPort),
        DATABASE_HOST: database.instance.dbInstanceEndpointAddress,
        DATABASE_PORT: String(database.port),
        DATABASE_NAME: database.databaseName,
        DATABASE_SSL: 'true',
        SF_LOGIN_URL: salesforce.loginUrl,
        SF_USERNAME: salesforce.username,
        SF_CLIENT_ID: salesforce.clientId,
        // For the backend's OpenTelemetry SDK: traces go to the collector sidecar, then X-Ray.
        OTEL_EXPORTER_OTLP_ENDPOINT: OTLP_HTTP_ENDPOINT,
        OTEL_SERVICE_NAME: 'pulse-backend',
      },
      secrets: {
        DATABASE_USER: EcsSecret.fromSecretsManager(database.secret, 'username'),
        DATABASE_PASSWORD: EcsSecret.fromSecretsManager(database.secret, 'password'),
        PULSE_METRICS_TOKEN: EcsSecret.fromSecretsManager(this.metricsToken),
        ...Object.fromEntries(
          SALESFORCE_SECRET_KEYS.map((key) => [key, EcsSecret.fromSecretsManager(salesforce.secret, key)]),
        ),
      },
    });
    Validations.of(this.taskDefinition).acknowledge({
      id: 'AwsSolutions-ECS2',
      reason:
        'The environment holds only non-secret settings (port, database host/name, Salesforce login URL, user name and client id, the collector configuration); passwords, keys and the metrics token are ECS secrets.',
    });
    this.collector = new TelemetryCollector(this, 'Collector', {
      taskDefinition: this.taskDefinition,
      logGroup: this.logGroup,
      namespace: props.metricsNamespace ?? 'Pulse',
      metricsToken: this.metricsToken,
      backendPort: containerPort,
      metricsRetention: props.logRetention,
    });
    // CDK creates the execution role (image pull, logs, secrets). ECR's login call has no resource.
    Validations.of(this.taskDefinition.obtainExecutionRole()).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'ecr:GetAuthorizationToken supports no resource-level permission; every other action is scoped to the repository, log group and secrets.',
    });

    // Outbound: HTTPS (Salesforce through the NAT, AWS endpoints) plus the database rule that
    // `allowFrom` adds. The load balancer's rule is added by `addTargets`.
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Pulse backend tasks',
      allowAllOutbound: false,
    });
    this.securityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), 'HTTPS to Salesforce and AWS APIs');

    this.service = new FargateService(this, 'Service', {
      cluster: this.cluster,
      taskDefinition: this.taskDefinition,
      // No desiredCount: autoscaling owns it, and a deploy must not reset a scaled-out service.
      vpcSubnets: { subnetType: SubnetType.PRIVATE_WITH_EGRESS },
      assignPublicIp: false,
      securityGroups: [this.securityGroup],
      circuitBreaker: { enable: true, rollback: true },
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      healthCheckGracePeriod: Duration.seconds(60),
    });
    database.allowFrom(this.service, 'Pulse backend tasks');

    this.targetGroup = props.listener.addTargets('Backend', {
      protocol: ApplicationProtocol.HTTP,
      port: containerPort,
      targets: [this.service.loadBalancerTarget({ containerName: BackendService.CONTAINER_NAME, containerPort })],
      healthCheck: {
        path: props.healthCheckPath ?? '/health',
        healthyHttpCodes: '200',
        interval: Duration.seconds(15),
      },
      deregistrationDelay: Duration.seconds(30),
    });

    // Two target-tracking policies: the service scales out when either asks, in when both allow.
    const scaling = this.service.autoScaleTaskCount({ minCapacity: minTasks, maxCapacity: maxTasks });
    scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: targetCpuPercent });
    scaling.scaleOnRequestCount('Requests', { requestsPerTarget, targetGroup: this.targetGroup });
  }
}
