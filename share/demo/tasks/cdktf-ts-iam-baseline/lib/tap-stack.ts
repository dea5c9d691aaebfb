import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Backend, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import {
  AccessAnalyzer,
  BreakGlassRole,
  DataGuardrails,
  MfaEnforcement,
  PasswordPolicy,
} from './modules';

export interface TapStackProps {
  environmentSuffix?: string;
  awsRegion?: string;
  stateBucket?: string;
  stateKeyPrefix?: string;
  enableBreakGlass?: boolean;
}

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: TapStackProps = {}) {
    super(scope, id);
    const suffix = props.environmentSuffix ?? 'dev';
    const region = props.awsRegion ?? process.env.AWS_REGION ?? 'us-east-1';

    new AwsProvider(this, 'aws', {
      region,
      defaultTags: [{ tags: { Baseline: 'security', Environment: suffix } }],
    });
    new S3Backend(this, {
      bucket: props.stateBucket ?? process.env.TERRAFORM_STATE_BUCKET ?? 'iac-rlhf-tf-states',
      key: `${props.stateKeyPrefix ?? process.env.TERRAFORM_STATE_KEY_PREFIX ?? 'baseline'}/${suffix}/${id}.tfstate`,
      region: process.env.TERRAFORM_STATE_BUCKET_REGION ?? 'us-east-1',
      encrypt: true,
    });

    new PasswordPolicy(this, 'password-policy');
    new MfaEnforcement(this, 'mfa');
    new AccessAnalyzer(this, 'access-analyzer', { suffix });
    new DataGuardrails(this, 'data-guardrails');

    if (props.enableBreakGlass ?? true) {
      const trusted = new TerraformVariable(this, 'break_glass_principals', {
        type: 'list(string)',
        description: 'ARNs allowed to assume the break-glass role (with MFA)',
      });
      new BreakGlassRole(this, 'break-glass', { suffix, trustedPrincipals: trusted.listValue });
    }
  }
}
