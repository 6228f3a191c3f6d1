import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { InstanceClass, InstanceSize, InstanceType } from 'aws-cdk-lib/aws-ec2';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export const ENVIRONMENT_NAMES = ['dev', 'staging', 'prod'] as const;

export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

export function isEnvironmentName(value: string): value is EnvironmentName {
  return (ENVIRONMENT_NAMES as readonly string[]).includes(value);
}

/** Everything that differs between dev, staging and prod. Nothing else may. */
export interface EnvironmentSettings {
  /** One NAT gateway per AZ where an AZ outage must not cut the tasks off from Salesforce. */
  readonly natGateways: number;
  /** Retention of every log group the stack creates. */
  readonly logRetention: RetentionDays;
  /** CloudFormation termination protection on the stack. */
  readonly terminationProtection: boolean;
  /** Deletion protection on the load balancer. */
  readonly loadBalancerDeletionProtection: boolean;
  readonly database: {
    readonly instanceType: InstanceType;
    readonly multiAz: boolean;
    readonly deletionProtection: boolean;
    readonly backupRetention: Duration;
    readonly removalPolicy: RemovalPolicy;
  };
  readonly service: {
    readonly cpu: number;
    readonly memoryMiB: number;
    readonly minTasks: number;
    readonly maxTasks: number;
    /** Requests per task per minute the autoscaling aims for (alongside CPU). */
    readonly requestsPerTarget: number;
  };
  readonly firewall: {
    /**
     * Requests one client IP may make in 5 minutes before WAF blocks it. Salesforce sends every
     * user's callouts from a few shared egress IPs, so this bounds the whole org, not one user.
     */
    readonly requestsPerIpPer5Minutes: number;
  };
  readonly alarms: {
    /** PostgreSQL's max_connections grows with the instance memory; alarm well below it. */
    readonly databaseConnections: number;
  };
}

/** One value per environment; the compiler rejects a missing one. */
type PerEnvironment<T> = Readonly<Record<EnvironmentName, T>>;

/**
 * The settings of one environment. Each line shows how one setting varies, so a reviewer reads
 * the differences rather than diffing three copied blocks.
 */
export function environmentSettings(name: EnvironmentName): EnvironmentSettings {
  const pick = <T>(values: PerEnvironment<T>): T => values[name];
  return {
    natGateways: pick({ dev: 1, staging: 1, prod: 2 }),
    logRetention: pick({
      dev: RetentionDays.TWO_WEEKS,
      staging: RetentionDays.ONE_MONTH,
      prod: RetentionDays.ONE_YEAR,
    }),
    terminationProtection: pick({ dev: false, staging: false, prod: true }),
    loadBalancerDeletionProtection: pick({ dev: false, staging: false, prod: true }),
    database: {
      instanceType: pick({
        dev: InstanceType.of(InstanceClass.T4G, InstanceSize.MICRO),
        staging: InstanceType.of(InstanceClass.T4G, InstanceSize.SMALL),
        prod: InstanceType.of(InstanceClass.M7G, InstanceSize.LARGE),
      }),
      multiAz: pick({ dev: false, staging: false, prod: true }),
      deletionProtection: pick({ dev: false, staging: true, prod: true }),
      backupRetention: Duration.days(pick({ dev: 1, staging: 7, prod: 30 })),
      // dev data is disposable; elsewhere a deleted stack leaves a final snapshot.
      removalPolicy: pick({
        dev: RemovalPolicy.DESTROY,
        staging: RemovalPolicy.SNAPSHOT,
        prod: RemovalPolicy.SNAPSHOT,
      }),
    },
    service: {
      // The task also runs the telemetry collector sidecar (about 100 MiB).
      cpu: pick({ dev: 256, staging: 512, prod: 1024 }),
      memoryMiB: pick({ dev: 1024, staging: 1024, prod: 2048 }),
      // Two tasks in prod so a deployment or an AZ loss never leaves zero.
      minTasks: pick({ dev: 1, staging: 1, prod: 2 }),
      maxTasks: pick({ dev: 2, staging: 2, prod: 6 }),
      requestsPerTarget: pick({ dev: 1000, staging: 1000, prod: 600 }),
    },
    firewall: {
      requestsPerIpPer5Minutes: pick({ dev: 2000, staging: 5000, prod: 20000 }),
    },
    alarms: {
      // About 80% of RDS's default max_connections for each instance size (t4g.micro ~110,
      // t4g.small ~225, m7g.large ~900).
      databaseConnections: pick({ dev: 80, staging: 180, prod: 700 }),
    },
  };
}
