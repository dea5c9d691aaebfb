# tests/unit/test_tap_stack.py
import aws_cdk as cdk
from aws_cdk.assertions import Match, Template

from lib.tap_stack import TapStack


def template() -> Template:
    app = cdk.App()
    return Template.from_stack(TapStack(app, "TestStack", environment_suffix="test"))


def test_queue_has_dlq_after_five_receives():
    template().has_resource_properties(
        "AWS::SQS::Queue",
        {
            "QueueName": "orders-test",
            "VisibilityTimeout": 60,
            "RedrivePolicy": {"deadLetterTargetArn": Match.any_value(), "maxReceiveCount": 5},
            "SqsManagedSseEnabled": True,
        },
    )


def test_table_is_on_demand_with_pitr():
    template().has_resource_properties(
        "AWS::DynamoDB::Table",
        {
            "BillingMode": "PAY_PER_REQUEST",
            "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
        },
    )


def test_event_source_reports_batch_item_failures():
    template().has_resource_properties(
        "AWS::Lambda::EventSourceMapping",
        {"BatchSize": 10, "FunctionResponseTypes": ["ReportBatchItemFailures"]},
    )


def test_no_wildcard_actions():
    policies = template().find_resources("AWS::IAM::Policy")
    for policy in policies.values():
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
            actions = statement["Action"]
            actions = actions if isinstance(actions, list) else [actions]
            assert not any(a.endswith(":*") or a == "*" for a in actions), actions


def test_two_alarms():
    template().resource_count_is("AWS::CloudWatch::Alarm", 2)
