import * as cdk from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AuditAlarms } from './audit-alarms';

export interface TapStackProps extends cdk.StackProps {
  environmentSuffix?: string;
}

export class TapStack extends cdk.Stack {
  public readonly archiveBucket: s3.Bucket;
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props?: TapStackProps) {
    super(scope, id, props);

    const suffix =
      props?.environmentSuffix ??
      this.node.tryGetContext('environmentSuffix') ??
      'dev';

    this.key = new kms.Key(this, 'AuditKey', {
      alias: `alias/audit-archive-${suffix}`,
      description: 'Encrypts the audit-log archive, its trail and its alarm topic',
      enableKeyRotation: true,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    // CloudTrail encrypts log files with the key: allow it, scoped to this account's trails.
    this.key.grantEncryptDecrypt(new cdk.aws_iam.ServicePrincipal('cloudtrail.amazonaws.com'));

    const accessLogs = new s3.Bucket(this, 'AccessLogsBucket', {
      bucketName: `audit-access-logs-${suffix}-${this.account}`,
      encryption: s3.BucketEncryption.S3_MANAGED, // server access logs cannot use SSE-KMS
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: cdk.Duration.days(365) }],
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    this.archiveBucket = new s3.Bucket(this, 'AuditArchiveBucket', {
      bucketName: `audit-archive-${suffix}-${this.account}`,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'archive/',
      lifecycleRules: [
        {
          id: 'glacier-then-expire',
          transitions: [
            {
              storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL,
              transitionAfter: cdk.Duration.days(90),
            },
          ],
          expiration: cdk.Duration.days(2555),
          noncurrentVersionExpiration: cdk.Duration.days(2555),
        },
      ],
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    const trailLogs = new logs.LogGroup(this, 'TrailLogGroup', {
      logGroupName: `/audit/cloudtrail-${suffix}`,
      retention: logs.RetentionDays.ONE_YEAR,
      encryptionKey: this.key,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    this.key.grantEncryptDecrypt(
      new cdk.aws_iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`),
    );

    const trail = new cloudtrail.Trail(this, 'OrgTrail', {
      trailName: `audit-trail-${suffix}`,
      bucket: this.archiveBucket,
      encryptionKey: this.key,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableFileValidation: true,
      sendToCloudWatchLogs: true,
      cloudWatchLogGroup: trailLogs,
    });

    new AuditAlarms(this, 'AuditAlarms', {
      suffix,
      key: this.key,
      logGroup: trailLogs,
    });

    new cdk.CfnOutput(this, 'ArchiveBucketName', { value: this.archiveBucket.bucketName });
    new cdk.CfnOutput(this, 'TrailArn', { value: trail.trailArn });
    new cdk.CfnOutput(this, 'KeyArn', { value: this.key.keyArn });
  }
}
