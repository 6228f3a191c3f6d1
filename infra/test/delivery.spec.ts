// The delivery stack: the image repository and the role GitHub Actions assumes through OIDC.
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { DeliveryStack } from '../src/github-deploy.ts';
import { ACCOUNT, ECR_IMAGE, GITHUB, REGION, Scratch, requiredContext, synthesize } from './fixtures.ts';

const scratch = new Scratch();
afterAll(() => scratch.remove());

const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;

/** Synthesised once per distinct context for the whole file. */
const synthesized = new Map<string, { stack: DeliveryStack; template: Template }>();
function delivery(context: Record<string, string>): { stack: DeliveryStack; template: Template } {
  const key = JSON.stringify(context);
  if (!synthesized.has(key)) {
    const { app } = synthesize(scratch, context);
    const stack = app.node.children.find((child) => child instanceof DeliveryStack) as DeliveryStack;
    synthesized.set(key, { stack, template: Template.fromStack(stack) });
  }
  return synthesized.get(key) as { stack: DeliveryStack; template: Template };
}
const logicalId = (stack: DeliveryStack, construct: IConstruct) =>
  stack.getLogicalId((construct.node.defaultChild ?? construct) as CfnElement);

describe('delivery stack', () => {
  it('exists only when a GitHub repository is configured', () => {
    const { app } = synthesize(scratch, { ...requiredContext('dev'), ...ECR_IMAGE });
    expect(app.node.children.filter((child) => child instanceof DeliveryStack)).toEqual([]);
    const { stack } = delivery({ ...requiredContext('prod'), ...ECR_IMAGE, ...GITHUB });
    expect(stack.stackName).toBe('Pulse-prod-delivery');
    expect([stack.account, stack.region]).toEqual([ACCOUNT, REGION]);
  });

  it('keeps images in a scanned repository whose tags never move', () => {
    const { template } = delivery({ ...requiredContext('prod'), ...ECR_IMAGE, ...GITHUB });
    template.hasResourceProperties('AWS::ECR::Repository', {
      RepositoryName: 'pulse-backend-prod',
      ImageTagMutability: 'IMMUTABLE',
      ImageScanningConfiguration: { ScanOnPush: true },
    });
  });

  it('lets only the repository’s jobs in the matching GitHub environment assume the deploy role', () => {
    const { stack, template } = delivery({ ...requiredContext('prod'), ...ECR_IMAGE, ...GITHUB });
    const provider = stack.node.findChild('GitHubOidc');
    template.hasResourceProperties('AWS::IAM::OIDCProvider', {
      Url: 'https://token.actions.githubusercontent.com',
      ClientIdList: ['sts.amazonaws.com'],
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRoleWithWebIdentity',
            Principal: { Federated: { Ref: logicalId(stack, provider) } },
            Condition: {
              StringEquals: {
                'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
                'token.actions.githubusercontent.com:sub': 'repo:acme/pulse:environment:prod',
              },
            },
          },
        ],
      },
    });
  });

  it('grants the deploy role nothing but image push (and a look at what is there) and the CDK bootstrap roles', () => {
    const { stack, template } = delivery({ ...requiredContext('prod'), ...ECR_IMAGE, ...GITHUB });
    const policies = Object.values(template.findResources('AWS::IAM::Policy'));
    expect(policies).toHaveLength(1);
    expect(policies[0].Properties.Roles).toEqual([{ Ref: logicalId(stack, stack.deployRole.role) }]);
    const bootstrapRole = (purpose: string) =>
      `arn:aws:iam::${ACCOUNT}:role/cdk-hnb659fds-${purpose}-role-${ACCOUNT}-${REGION}`;
    expect(policies[0].Properties.PolicyDocument.Statement).toEqual([
      {
        Sid: 'AssumeCdkBootstrapRoles',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: [bootstrapRole('deploy'), bootstrapRole('file-publishing')],
      },
      {
        Effect: 'Allow',
        Action: [
          'ecr:BatchCheckLayerAvailability',
          'ecr:BatchGetImage',
          'ecr:CompleteLayerUpload',
          'ecr:DescribeImages',
          'ecr:GetDownloadUrlForLayer',
          'ecr:InitiateLayerUpload',
          'ecr:PutImage',
          'ecr:UploadLayerPart',
        ],
        Resource: { 'Fn::GetAtt': [logicalId(stack, stack.imageRepository), 'Arn'] },
      },
      { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    ]);
    template.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent(), Policies: Match.absent() });
  });

  it('reuses the account’s GitHub OIDC provider when given (an account has only one)', () => {
    const { template } = delivery({
      ...requiredContext('staging'),
      ...ECR_IMAGE,
      ...GITHUB,
      githubOidcProviderArn: PROVIDER_ARN,
    });
    template.resourceCountIs('AWS::IAM::OIDCProvider', 0);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Principal: { Federated: PROVIDER_ARN } }] },
    });
  });
});
