import * as cdk from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { TapStack } from '../lib/tap-stack';

describe('TapStack', () => {
  const app = new cdk.App();
  const stack = new TapStack(app, 'TestStack', {
    environmentSuffix: 'test',
    env: { account: '123456789012', region: 'eu-west-1' },
  });
  const template = Template.fromStack(stack);

  test('the archive bucket is encrypted with the customer-managed key', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'audit-archive-test-123456789012',
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({
            ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }),
          }),
        ],
      },
      VersioningConfiguration: { Status: 'Enabled' },
    });
  });

  test('the key rotates', () => {
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  test('both buckets are retained', () => {
    const buckets = template.findResources('AWS::S3::Bucket');
    for (const bucket of Object.values(buckets)) {
      expect(bucket.DeletionPolicy).toBe('Retain');
    }
  });

  test('the bucket policy denies plain HTTP', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      }),
    });
  });

  test('the trail covers every region and validates log files', () => {
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
    });
  });

  test('the tamper alarm notifies the encrypted topic', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'audit-trail-tamper-test',
      Threshold: 1,
    });
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: Match.anyValue(),
    });
  });
});
