import * as cdk from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface AuditAlarmsProps {
  suffix: string;
  key: kms.IKey;
  logGroup: logs.ILogGroup;
}

/** Alarms on calls that would blind the audit trail. */
export class AuditAlarms extends Construct {
  public readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AuditAlarmsProps) {
    super(scope, id);

    this.topic = new sns.Topic(this, 'AlarmTopic', {
      topicName: `audit-alarms-${props.suffix}`,
      masterKey: props.key,
    });
    props.key.grantEncryptDecrypt(new cdk.aws_iam.ServicePrincipal('cloudwatch.amazonaws.com'));

    const filter = new logs.MetricFilter(this, 'TamperFilter', {
      logGroup: props.logGroup,
      metricNamespace: 'Audit',
      metricName: `TrailTamper-${props.suffix}`,
      filterPattern: logs.FilterPattern.any(
        logs.FilterPattern.stringValue('$.eventName', '=', 'DeleteTrail'),
        logs.FilterPattern.stringValue('$.eventName', '=', 'StopLogging'),
        logs.FilterPattern.stringValue('$.eventName', '=', 'PutBucketPolicy'),
      ),
      metricValue: '1',
    });

    const alarm = new cloudwatch.Alarm(this, 'TamperAlarm', {
      alarmName: `audit-trail-tamper-${props.suffix}`,
      metric: filter.metric({ statistic: 'Sum', period: cdk.Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
  }
}
