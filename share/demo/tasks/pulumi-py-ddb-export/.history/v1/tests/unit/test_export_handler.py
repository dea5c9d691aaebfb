"""Unit test of the export handler."""
import importlib
import os
from datetime import datetime, timezone

from botocore.stub import Stubber

ENV = {
    "TABLE_ARN": "arn:aws:dynamodb:eu-west-2:123456789012:table/orders",
    "BUCKET": "table-exports-test",
    "KMS_KEY_ARN": "arn:aws:kms:eu-west-2:123456789012:key/abc",
    "EXPORT_PREFIX": "exports",
    "AWS_DEFAULT_REGION": "eu-west-2",
}


def test_starts_export_into_todays_prefix():
    os.environ.update(ENV)
    handler = importlib.import_module("lib.lambda.export_handler")
    if True:
        with Stubber(handler.ddb) as stub:
            stub.add_response(
                "export_table_to_point_in_time",
                {"ExportDescription": {"ExportArn": ENV["TABLE_ARN"] + "/export/1"}},
                {
                    "TableArn": ENV["TABLE_ARN"],
                    "S3Bucket": "table-exports-test",
                    "S3Prefix": "exports/2025/07/14",
                    "S3SseAlgorithm": "KMS",
                    "S3SseKmsKeyId": ENV["KMS_KEY_ARN"],
                    "ExportFormat": "DYNAMODB_JSON",
                    "ClientToken": "nightly-20250714",
                },
            )
            result = handler.handler({}, None, now=datetime(2025, 7, 14, 2, 0, tzinfo=timezone.utc))
    assert result["prefix"] == "exports/2025/07/14"
