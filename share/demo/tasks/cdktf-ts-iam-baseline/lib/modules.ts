import { AccessanalyzerAnalyzer } from '@cdktf/provider-aws/lib/accessanalyzer-analyzer';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { EbsEncryptionByDefault } from '@cdktf/provider-aws/lib/ebs-encryption-by-default';
import { IamAccountPasswordPolicy } from '@cdktf/provider-aws/lib/iam-account-password-policy';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamGroupPolicy } from '@cdktf/provider-aws/lib/iam-group-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { S3AccountPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-account-public-access-block';
import { Construct } from 'constructs';

/** Finding IAM-1: inconsistent or missing password policies. */
export class PasswordPolicy extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new IamAccountPasswordPolicy(this, 'policy', {
      minimumPasswordLength: 14,
      requireUppercaseCharacters: true,
      requireLowercaseCharacters: true,
      requireNumbers: true,
      requireSymbols: true,
      maxPasswordAge: 90,
      passwordReusePrevention: 24,
      allowUsersToChangePassword: true,
    });
  }
}

/** Finding IAM-2: MFA enforced only by convention. */
export class MfaEnforcement extends Construct {
  public readonly group: IamGroup;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.group = new IamGroup(this, 'group', { name: 'mfa-required' });

    const selfService = [
      'iam:CreateVirtualMFADevice',
      'iam:EnableMFADevice',
      'iam:GetUser',
      'iam:ListMFADevices',
      'iam:ListVirtualMFADevices',
      'iam:ResyncMFADevice',
      'iam:ChangePassword',
      'sts:GetSessionToken',
    ];
    const doc = new DataAwsIamPolicyDocument(this, 'doc', {
      statement: [
        {
          sid: 'DenyAllWithoutMfa',
          effect: 'Deny',
          notActions: selfService,
          resources: ['*'],
          condition: [
            { test: 'BoolIfExists', variable: 'aws:MultiFactorAuthPresent', values: ['false'] },
          ],
        },
      ],
    });
    new IamGroupPolicy(this, 'policy', {
      name: 'deny-without-mfa',
      group: this.group.name,
      policy: doc.json,
    });
  }
}

/** Finding IAM-3: Access Analyzer missing in most accounts. */
export class AccessAnalyzer extends Construct {
  constructor(scope: Construct, id: string, props: { suffix: string }) {
    super(scope, id);
    new AccessanalyzerAnalyzer(this, 'analyzer', {
      analyzerName: `account-analyzer-${props.suffix}`,
      type: 'ACCOUNT',
    });
  }
}

/** Findings DATA-1 and DATA-2: EBS default encryption off, S3 BPA disabled. */
export class DataGuardrails extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new EbsEncryptionByDefault(this, 'ebs', { enabled: true });
    new S3AccountPublicAccessBlock(this, 's3', {
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
  }
}

/** Finding IAM-4: shared admin users instead of an audited break-glass role. */
export class BreakGlassRole extends Construct {
  constructor(scope: Construct, id: string, props: { suffix: string; trustedPrincipals: string[] }) {
    super(scope, id);
    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [
        {
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'AWS', identifiers: props.trustedPrincipals }],
          condition: [
            { test: 'Bool', variable: 'aws:MultiFactorAuthPresent', values: ['true'] },
          ],
        },
      ],
    });
    const role = new IamRole(this, 'role', {
      name: `break-glass-${props.suffix}`,
      assumeRolePolicy: trust.json,
      maxSessionDuration: 3600,
      lifecycle: { preventDestroy: true },
    });
    new IamRolePolicyAttachment(this, 'admin', {
      role: role.name,
      policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    });
  }
}
