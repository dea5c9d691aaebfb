"""Consume order messages from SQS and store them in DynamoDB.

Returns a partial batch response so that only failed messages are retried.
"""
import json
import logging
import os
from decimal import Decimal

import boto3

logger = logging.getLogger()
logger.setLevel(logging.INFO)

TABLE = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])

REQUIRED = ("order_id", "customer_id", "items", "total")


def _order_from(body: str) -> dict:
    order = json.loads(body, parse_float=Decimal)
    missing = [k for k in REQUIRED if k not in order]
    if missing:
        raise ValueError(f"missing fields: {', '.join(missing)}")
    return order


def handler(event, _context):
    failures = []
    for record in event.get("Records", []):
        message_id = record["messageId"]
        try:
            order = _order_from(record["body"])
            TABLE.put_item(
                Item=order,
                ConditionExpression="attribute_not_exists(order_id)",
            )
        except TABLE.meta.client.exceptions.ConditionalCheckFailedException:
            logger.info("order already stored, skipping: %s", message_id)
        except Exception:  # noqa: BLE001 - report the message, keep the batch going
            logger.exception("failed to process message %s", message_id)
            failures.append({"itemIdentifier": message_id})
    return {"batchItemFailures": failures}
