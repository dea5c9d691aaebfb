import { App, Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { TapStack } from '../lib/tap-stack';

const synth = (props = {}) => Testing.synth(new TapStack(Testing.app() as App, 'test', { environmentSuffix: 'test', ...props }));

describe('security baseline', () => {
  test('password policy matches the audit requirements', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_iam_account_password_policy' },
      { minimum_password_length: 14, password_reuse_prevention: 24, max_password_age: 90 },
    );
  });

  test('account-level guardrails are on', () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'aws_ebs_encryption_by_default' }, { enabled: true });
    expect(out).toHaveResourceWithProperties(
      { tfResourceType: 'aws_s3_account_public_access_block' },
      { block_public_acls: true, restrict_public_buckets: true },
    );
  });

  test('break-glass role can be turned off', () => {
    expect(synth({ enableBreakGlass: false })).not.toHaveResource({ tfResourceType: 'aws_iam_role' });
    expect(synth()).toHaveResourceWithProperties({ tfResourceType: 'aws_iam_role' }, { max_session_duration: 3600 });
  });
});
