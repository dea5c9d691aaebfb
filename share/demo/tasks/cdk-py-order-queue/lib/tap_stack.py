from aws_cdk import (
    CfnOutput,
    Duration,
    RemovalPolicy,
    Stack,
    aws_cloudwatch as cloudwatch,
    aws_dynamodb as dynamodb,
    aws_lambda as _lambda,
    aws_lambda_event_sources as sources,
    aws_sqs as sqs,
)
from constructs import Construct

LAMBDA_TIMEOUT = Duration.seconds(60)


class TapStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, *, environment_suffix: str = "dev", **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        env = environment_suffix

        dlq = sqs.Queue(
            self,
            "OrdersDlq",
            queue_name=f"orders-dlq-{env}",
            retention_period=Duration.days(14),
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
        )
        queue = sqs.Queue(
            self,
            "OrdersQueue",
            queue_name=f"orders-{env}",
            # Six times the function timeout, as AWS recommends for SQS event sources.
            visibility_timeout=Duration.seconds(LAMBDA_TIMEOUT.to_seconds() * 6),
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
            dead_letter_queue=sqs.DeadLetterQueue(max_receive_count=5, queue=dlq),
        )

        table = dynamodb.Table(
            self,
            "OrdersTable",
            table_name=f"orders-{env}",
            partition_key=dynamodb.Attribute(name="order_id", type=dynamodb.AttributeType.STRING),
            billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
            point_in_time_recovery=True,
            removal_policy=RemovalPolicy.RETAIN,
        )

        consumer = _lambda.Function(
            self,
            "OrderConsumer",
            function_name=f"order-consumer-{env}",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="index.handler",
            code=_lambda.Code.from_asset("lib/lambda/order_consumer"),
            timeout=LAMBDA_TIMEOUT,
            environment={"TABLE_NAME": table.table_name},
        )
        table.grant(consumer, "dynamodb:PutItem")
        consumer.add_event_source(
            sources.SqsEventSource(queue, batch_size=10, report_batch_item_failures=True)
        )

        cloudwatch.Alarm(
            self,
            "DlqNotEmpty",
            alarm_name=f"orders-dlq-not-empty-{env}",
            metric=dlq.metric_approximate_number_of_messages_visible(period=Duration.minutes(1)),
            threshold=1,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        )
        cloudwatch.Alarm(
            self,
            "OldestMessageAge",
            alarm_name=f"orders-oldest-message-age-{env}",
            metric=queue.metric_approximate_age_of_oldest_message(period=Duration.minutes(1)),
            threshold=300,
            evaluation_periods=3,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        )

        CfnOutput(self, "QueueUrl", value=queue.queue_url)
        CfnOutput(self, "TableName", value=table.table_name)
