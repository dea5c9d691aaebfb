"""Nightly native export of a DynamoDB table to an encrypted S3 bucket."""
import json
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws


@dataclass
class TapStackArgs:
    environment_suffix: str = "dev"
    table_name: str = "orders"
    export_hour_utc: int = 2


class TapStack(pulumi.ComponentResource):
    def __init__(self, name: str, args: TapStackArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("tap:stack:TapStack", name, None, opts)
        suffix = args.environment_suffix
        child = pulumi.ResourceOptions(parent=self)

        table = aws.dynamodb.get_table(name=args.table_name)

        key = aws.kms.Key(
            f"table-exports-{suffix}",
            description=f"Encrypts exports of {args.table_name} ({suffix})",
            enable_key_rotation=True,
            opts=child,
        )

        bucket = aws.s3.BucketV2(f"table-exports-{suffix}", force_destroy=False, opts=child)
        aws.s3.BucketServerSideEncryptionConfigurationV2(
            f"table-exports-{suffix}",
            bucket=bucket.id,
            rules=[{
                "apply_server_side_encryption_by_default": {
                    "sse_algorithm": "aws:kms",
                    "kms_master_key_id": key.arn,
                },
                "bucket_key_enabled": True,
            }],
            opts=child,
        )
        aws.s3.BucketVersioningV2(
            f"table-exports-{suffix}",
            bucket=bucket.id,
            versioning_configuration={"status": "Enabled"},
            opts=child,
        )
        aws.s3.BucketPublicAccessBlock(
            f"table-exports-{suffix}",
            bucket=bucket.id,
            block_public_acls=True,
            block_public_policy=True,
            ignore_public_acls=True,
            restrict_public_buckets=True,
            opts=child,
        )
        aws.s3.BucketLifecycleConfigurationV2(
            f"table-exports-{suffix}",
            bucket=bucket.id,
            rules=[{
                "id": "expire-exports",
                "status": "Enabled",
                "filter": {"prefix": "exports/"},
                "expiration": {"days": 35},
                "noncurrent_version_expiration": {"noncurrent_days": 1},
            }],
            opts=child,
        )

        role = aws.iam.Role(
            f"table-export-fn-{suffix}",
            assume_role_policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"Service": "lambda.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                }],
            }),
            opts=child,
        )
        aws.iam.RolePolicyAttachment(
            f"table-export-fn-logs-{suffix}",
            role=role.name,
            policy_arn="arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            opts=child,
        )
        aws.iam.RolePolicy(
            f"table-export-fn-{suffix}",
            role=role.id,
            policy=pulumi.Output.all(bucket.arn, key.arn).apply(lambda a: json.dumps({
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Action": "dynamodb:ExportTableToPointInTime",
                     "Resource": table.arn},
                    {"Effect": "Allow", "Action": ["s3:PutObject", "s3:AbortMultipartUpload"],
                     "Resource": f"{a[0]}/exports/*"},
                    {"Effect": "Allow", "Action": ["kms:GenerateDataKey", "kms:Encrypt"],
                     "Resource": a[1]},
                ],
            })),
            opts=child,
        )

        fn = aws.lambda_.Function(
            f"table-export-{suffix}",
            runtime="python3.12",
            handler="export_handler.handler",
            role=role.arn,
            code=pulumi.FileArchive("./lib/lambda"),
            timeout=30,
            environment={"variables": {
                "TABLE_ARN": table.arn,
                "BUCKET": bucket.bucket,
                "KMS_KEY_ARN": key.arn,
                "EXPORT_PREFIX": "exports",
            }},
            opts=child,
        )

        rule = aws.cloudwatch.EventRule(
            f"table-export-nightly-{suffix}",
            schedule_expression=f"cron(0 {args.export_hour_utc} * * ? *)",
            opts=child,
        )
        aws.cloudwatch.EventTarget(f"table-export-nightly-{suffix}", rule=rule.name, arn=fn.arn, opts=child)
        aws.lambda_.Permission(
            f"table-export-nightly-{suffix}",
            action="lambda:InvokeFunction",
            function=fn.name,
            principal="events.amazonaws.com",
            source_arn=rule.arn,
            opts=child,
        )

        aws.cloudwatch.MetricAlarm(
            f"table-export-errors-{suffix}",
            namespace="AWS/Lambda",
            metric_name="Errors",
            dimensions={"FunctionName": fn.name},
            statistic="Sum",
            period=300,
            evaluation_periods=1,
            threshold=1,
            comparison_operator="GreaterThanOrEqualToThreshold",
            treat_missing_data="notBreaching",
            opts=child,
        )

        self.bucket_name = bucket.bucket
        self.register_outputs({"bucketName": bucket.bucket, "functionName": fn.name})
