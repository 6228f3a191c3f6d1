import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Repository, TagMutability, type IRepository } from 'aws-cdk-lib/aws-ecr';
import { OidcProviderNative, PolicyStatement, Role, WebIdentityPrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** GitHub Actions' OIDC issuer; AWS STS is the audience configure-aws-credentials asks for. */
export const GITHUB_OIDC_ISSUER = 'token.actions.githubusercontent.com';
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';

export interface GitHubDeployRoleProps {
  /** ARN of the account's IAM OIDC provider for GitHub Actions. */
  readonly oidcProviderArn: string;
  /** `owner/name` of the repository whose workflows may assume the role. */
  readonly repository: string;
  /**
   * The GitHub environment the deploying job runs in. The role trusts only tokens whose subject
   * is `repo:<owner/name>:environment:<this>`, so approvals required on that environment in
   * GitHub also gate AWS access.
   */
  readonly githubEnvironment: string;
  /** The repository the workflow pushes backend images to. */
  readonly imageRepository: IRepository;
  /**
   * Qualifier of the CDK bootstrap (`cdk bootstrap --qualifier`).
   * @default 'hnb659fds' (CDK's default)
   */
  readonly bootstrapQualifier?: string;
}

/**
 * The role a GitHub Actions deploy job assumes through OIDC (no long-lived keys). It can do two
 * things: push images to one ECR repository, and assume the CDK bootstrap roles that `cdk deploy`
 * uses (deploy and file publishing) in this account and region. What a deployment may change is
 * therefore bounded by the bootstrap's CloudFormation execution policy (see docs/deploy.md).
 */
export class GitHubDeployRole extends Construct {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: GitHubDeployRoleProps) {
    super(scope, id);
    if (!/^[\w.-]+\/[\w.-]+$/.test(props.repository)) {
      throw new Error(`GitHubDeployRole: repository must be owner/name, got "${props.repository}"`);
    }
    if (!/^[\w.-]+$/.test(props.githubEnvironment)) {
      throw new Error(
        `GitHubDeployRole: githubEnvironment must be a GitHub environment name, got "${props.githubEnvironment}"`,
      );
    }
    const qualifier = props.bootstrapQualifier ?? 'hnb659fds';
    const { account, region, partition } = Stack.of(this);

    this.role = new Role(this, 'Role', {
      description: `GitHub Actions (${props.repository}, environment ${props.githubEnvironment}): push the backend image and run cdk deploy`,
      assumedBy: new WebIdentityPrincipal(props.oidcProviderArn, {
        StringEquals: {
          [`${GITHUB_OIDC_ISSUER}:aud`]: GITHUB_OIDC_AUDIENCE,
          [`${GITHUB_OIDC_ISSUER}:sub`]: `repo:${props.repository}:environment:${props.githubEnvironment}`,
        },
      }),
      maxSessionDuration: Duration.hours(1),
    });
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'AssumeCdkBootstrapRoles',
        actions: ['sts:AssumeRole'],
        resources: ['deploy', 'file-publishing'].map(
          (purpose) => `arn:${partition}:iam::${account}:role/cdk-${qualifier}-${purpose}-role-${account}-${region}`,
        ),
      }),
    );
    props.imageRepository.grantPullPush(this.role);
    // The workflow skips the push when the commit's image is already there (tags are immutable).
    props.imageRepository.grant(this.role, 'ecr:DescribeImages');
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'ecr:GetAuthorizationToken (docker login) supports no resource-level permission; pushing is granted on the one image repository and sts:AssumeRole on the two named bootstrap roles.',
    });
  }
}

export interface DeliveryStackProps extends StackProps {
  readonly environmentName: string;
  readonly repository: string;
  /** The account's existing GitHub OIDC provider; created here when absent. */
  readonly oidcProviderArn?: string;
}

/**
 * What GitHub Actions needs to deliver one environment, deployed once by an administrator:
 * the image repository, the OIDC provider (unless the account has one) and the deploy role.
 * The workflow pushes to the repository, then deploys `Pulse-<env>` with that image.
 */
export class DeliveryStack extends Stack {
  readonly imageRepository: Repository;
  readonly deployRole: GitHubDeployRole;

  constructor(scope: Construct, id: string, props: DeliveryStackProps) {
    const { environmentName, repository, oidcProviderArn, ...stackProps } = props;
    super(scope, id, {
      description: `Pulse ${environmentName}: image repository and GitHub Actions deploy role`,
      ...stackProps,
    });
    this.imageRepository = new Repository(this, 'ImageRepository', {
      repositoryName: `pulse-backend-${environmentName}`,
      imageScanOnPush: true,
      // Tags are commit SHAs: a tag always means the same image.
      imageTagMutability: TagMutability.IMMUTABLE,
      lifecycleRules: [{ description: 'Keep the last 30 images', maxImageCount: 30 }],
    });
    const providerArn =
      oidcProviderArn ??
      new OidcProviderNative(this, 'GitHubOidc', {
        url: `https://${GITHUB_OIDC_ISSUER}`,
        clientIds: [GITHUB_OIDC_AUDIENCE],
      }).oidcProviderArn;
    this.deployRole = new GitHubDeployRole(this, 'GitHubDeployRole', {
      oidcProviderArn: providerArn,
      repository,
      githubEnvironment: environmentName,
      imageRepository: this.imageRepository,
    });

    new CfnOutput(this, 'DeployRoleArn', {
      description: 'GitHub environment variable AWS_DEPLOY_ROLE_ARN',
      value: this.deployRole.role.roleArn,
    });
    new CfnOutput(this, 'ImageRepositoryName', {
      description: 'GitHub environment variable ECR_REPOSITORY (context imageRepository)',
      value: this.imageRepository.repositoryName,
    });
  }
}
