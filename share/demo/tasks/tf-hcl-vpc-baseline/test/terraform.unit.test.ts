// Static checks on the HCL: the reviewers' rules that `terraform validate` cannot see.
import fs from 'fs';
import path from 'path';

const lib = path.resolve(__dirname, '..', 'lib');
const read = (f: string) => fs.readFileSync(path.join(lib, f), 'utf8');

describe('network baseline', () => {
  const main = read('main.tf');

  test('the provider block is only in provider.tf', () => {
    expect(main).not.toMatch(/provider\s+"aws"/);
    expect(read('provider.tf')).toMatch(/default_tags/);
  });

  test('one NAT gateway per AZ', () => {
    expect(main).toMatch(/resource "aws_nat_gateway" "main" {\s+count\s+= length\(local\.azs\)/);
  });

  test('availability zones are not hard-coded', () => {
    expect(main).not.toMatch(/"eu-central-1[abc]"/);
  });

  test('flow logs role trusts only the flow logs service', () => {
    expect(main).toContain('identifiers = ["vpc-flow-logs.amazonaws.com"]');
    expect(main).not.toContain('ec2.amazonaws.com');
  });

  test('flow log group is encrypted and kept 90 days', () => {
    expect(main).toMatch(/kms_key_id\s+= aws_kms_key\.flow_logs\.arn/);
    expect(read('variables.tf')).toMatch(/default\s+= 90/);
  });
});
