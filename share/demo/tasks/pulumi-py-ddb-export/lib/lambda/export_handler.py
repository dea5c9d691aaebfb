"""Start a native DynamoDB export to S3 for today's partition."""
import os
from datetime import datetime, timezone

import boto3

ddb = boto3.client("dynamodb")


def handler(event, _context, now=None):
    now = now or datetime.now(timezone.utc)
    prefix = f"{os.environ['EXPORT_PREFIX']}/{now:%Y/%m/%d}"
    response = ddb.export_table_to_point_in_time(
        TableArn=os.environ["TABLE_ARN"],
        S3Bucket=os.environ["BUCKET"],
        S3Prefix=prefix,
        S3SseAlgorithm="KMS",
        S3SseKmsKeyId=os.environ["KMS_KEY_ARN"],
        ExportFormat="DYNAMODB_JSON",
        # One export per day even if EventBridge delivers the event twice.
        ClientToken=f"nightly-{now:%Y%m%d}",
    )
    return {"exportArn": response["ExportDescription"]["ExportArn"], "prefix": prefix}
