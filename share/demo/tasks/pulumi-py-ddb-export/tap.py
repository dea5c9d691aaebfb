"""Pulumi entry point: reads the config and builds the stack."""
import pulumi

from lib.tap_stack import TapStack, TapStackArgs

config = pulumi.Config()
stack = TapStack(
    "table-export",
    TapStackArgs(
        environment_suffix=config.get("environmentSuffix") or "dev",
        table_name=config.get("tableName") or "orders",
        export_hour_utc=config.get_int("exportHourUtc") or 2,
    ),
)
pulumi.export("bucketName", stack.bucket_name)
