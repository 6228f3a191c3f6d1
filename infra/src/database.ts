import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  InstanceClass,
  InstanceSize,
  InstanceType,
  Port,
  SecurityGroup,
  SubnetType,
  type IConnectable,
  type IVpc,
} from 'aws-cdk-lib/aws-ec2';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  Credentials,
  DatabaseInstance,
  DatabaseSecret,
  DatabaseInstanceEngine,
  ParameterGroup,
  PostgresEngineVersion,
  StorageType,
} from 'aws-cdk-lib/aws-rds';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface DatabaseProps {
  readonly vpc: IVpc;
  /** @default db.t4g.micro */
  readonly instanceType?: InstanceType;
  /** @default false */
  readonly multiAz?: boolean;
  /** @default true */
  readonly deletionProtection?: boolean;
  /**
   * Automated backups, which also give point-in-time recovery within the window (1-35 days).
   * @default Duration.days(7)
   */
  readonly backupRetention?: Duration;
  /**
   * What happens to the instance when it leaves the stack. The key is retained unless this is
   * DESTROY, because snapshots are useless without it.
   * @default RemovalPolicy.SNAPSHOT
   */
  readonly removalPolicy?: RemovalPolicy;
  /** @default 'pulse' */
  readonly databaseName?: string;
  /** @default 20 */
  readonly allocatedStorageGiB?: number;
  /**
   * Storage autoscaling ceiling.
   * @default 100
   */
  readonly maxAllocatedStorageGiB?: number;
}

/**
 * PostgreSQL on RDS in the isolated subnets: encrypted with its own KMS key, TLS enforced,
 * credentials generated into Secrets Manager. Let callers in through `allowFrom`.
 */
export class Database extends Construct {
  /** The current PostgreSQL major in this aws-cdk-lib; RDS applies its minor versions. */
  static readonly ENGINE = DatabaseInstanceEngine.postgres({ version: PostgresEngineVersion.VER_18 });

  readonly instance: DatabaseInstance;
  /** JSON secret with `username`, `password`, `host`, `port`, `dbname`. */
  readonly secret: ISecret;
  /** Encrypts the storage, snapshots and the credentials secret. */
  readonly key: Key;
  readonly databaseName: string;
  /** PostgreSQL's standard port; see the RDS11 acknowledgement. */
  readonly port = 5432;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const backupDays = (props.backupRetention ?? Duration.days(7)).toDays({ integral: false });
    if (!Number.isInteger(backupDays) || backupDays < 1 || backupDays > 35) {
      throw new Error(
        `Database: backupRetention must be 1 to 35 whole days (point-in-time recovery needs backups), got ${backupDays}`,
      );
    }
    this.databaseName = props.databaseName ?? 'pulse';
    if (!/^[a-z][a-z0-9_]{0,62}$/.test(this.databaseName)) {
      throw new Error(`Database: databaseName must be a lower-case PostgreSQL identifier, got "${this.databaseName}"`);
    }
    const allocatedStorage = props.allocatedStorageGiB ?? 20;
    const maxAllocatedStorage = props.maxAllocatedStorageGiB ?? 100;
    if (allocatedStorage < 20 || maxAllocatedStorage < allocatedStorage) {
      throw new Error(
        `Database: storage must be at least 20 GiB and maxAllocatedStorageGiB at least allocatedStorageGiB, got ${allocatedStorage} and ${maxAllocatedStorage}`,
      );
    }
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.SNAPSHOT;
    const multiAz = props.multiAz ?? false;
    const deletionProtection = props.deletionProtection ?? true;

    this.key = new Key(this, 'Key', {
      description: `Pulse database storage and credentials (${this.node.path})`,
      enableKeyRotation: true,
      removalPolicy: removalPolicy === RemovalPolicy.DESTROY ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });

    const credentials = new DatabaseSecret(this, 'Credentials', { username: 'pulse', encryptionKey: this.key });
    Validations.of(credentials).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Not rotated automatically, by choice (docs/deploy.md, "Database credentials"): tasks get DATABASE_PASSWORD once at start and open new pool connections with it for their whole life. Single-user rotation would change the password under them and break new connections until every task is replaced; multi-user rotation would have the backend run its start-up migrations as the alternating clone user, who would then own the tables it creates, which the other user cannot alter. Rotation needs the backend to re-read the secret on an authentication failure (or IAM database authentication) first; until then rotate by hand with the documented put-secret, alter-password, redeploy procedure.',
    });

    this.instance = new DatabaseInstance(this, 'Instance', {
      engine: Database.ENGINE,
      instanceType: props.instanceType ?? InstanceType.of(InstanceClass.T4G, InstanceSize.MICRO),
      vpc: props.vpc,
      vpcSubnets: { subnetType: SubnetType.PRIVATE_ISOLATED },
      // PostgreSQL never opens connections; rules come only from `allowFrom`.
      securityGroups: [
        new SecurityGroup(this, 'SecurityGroup', {
          vpc: props.vpc,
          description: 'Pulse database: PostgreSQL from admitted peers only',
          allowAllOutbound: false,
        }),
      ],
      publiclyAccessible: false,
      port: this.port,
      multiAz,
      databaseName: this.databaseName,
      credentials: Credentials.fromSecret(credentials),
      storageEncrypted: true,
      storageEncryptionKey: this.key,
      storageType: StorageType.GP3,
      allocatedStorage,
      maxAllocatedStorage,
      parameterGroup: new ParameterGroup(this, 'Parameters', {
        engine: Database.ENGINE,
        description: 'Pulse: TLS-only connections; dead clients detected within about a minute',
        parameters: {
          'rds.force_ssl': '1',
          // The sync's leader holds a session advisory lock; if its task vanishes without closing
          // the socket, keepalive probes end the session (and free the lock) after ~60 s rather
          // than the operating system's two hours, so another task's sync takes over.
          tcp_keepalives_idle: '30',
          tcp_keepalives_interval: '10',
          tcp_keepalives_count: '3',
        },
      }),
      backupRetention: Duration.days(backupDays),
      preferredBackupWindow: '02:00-03:00',
      preferredMaintenanceWindow: 'sun:03:30-sun:04:30',
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: removalPolicy === RemovalPolicy.DESTROY,
      autoMinorVersionUpgrade: true,
      deletionProtection,
      removalPolicy,
    });
    // The attachment: same secret, completed with host and port once the instance exists.
    this.secret = this.instance.secret as ISecret;

    Validations.of(this.instance).acknowledge({
      id: 'AwsSolutions-RDS11',
      reason:
        'Default port 5432 kept: the instance sits in isolated subnets and its security group admits only the peers given to allowFrom (the backend tasks); a non-standard port adds no protection.',
    });
    if (!multiAz) {
      Validations.of(this.instance).acknowledge({
        id: 'AwsSolutions-RDS3',
        reason:
          'Single-AZ by environment settings: non-production databases trade failover for cost (prod is Multi-AZ).',
      });
    }
    if (!deletionProtection) {
      Validations.of(this.instance).acknowledge({
        id: 'AwsSolutions-RDS10',
        reason:
          'Deletion protection off by environment settings: dev databases are disposable (staging and prod are protected).',
      });
    }
  }

  /** Admits `peer` to PostgreSQL; the only way in. */
  allowFrom(peer: IConnectable, description: string): void {
    this.instance.connections.allowFrom(peer, Port.tcp(this.port), description);
  }
}
