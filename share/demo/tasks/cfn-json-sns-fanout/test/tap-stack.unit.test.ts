import fs from 'fs';
import path from 'path';

const template = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'lib', 'TapStack.json'), 'utf8'),
);
const resources = template.Resources;

describe('order events fan-out', () => {
  test('every queue is encrypted with the events key', () => {
    for (const [name, r] of Object.entries<any>(resources)) {
      if (r.Type === 'AWS::SQS::Queue') {
        expect({ name, key: r.Properties.KmsMasterKeyId }).toEqual({ name, key: { Ref: 'EventsKey' } });
      }
    }
  });

  test('SNS may use the key, for this topic only', () => {
    const statements = resources.EventsKey.Properties.KeyPolicy.Statement;
    const sns = statements.find((s: any) => s.Principal.Service === 'sns.amazonaws.com');
    expect(sns.Action).toEqual(['kms:GenerateDataKey', 'kms:Decrypt']);
    expect(sns.Condition.ArnEquals['aws:SourceArn']).toBeDefined();
  });

  test('the queue policy lets only the topic send', () => {
    const [statement] = resources.QueuePolicy.Properties.PolicyDocument.Statement;
    expect(statement.Action).toBe('sqs:SendMessage');
    expect(statement.Condition.ArnEquals['aws:SourceArn']).toEqual({ Ref: 'OrderEventsTopic' });
  });

  test.each([
    ['BillingSubscription', ['order.created', 'order.cancelled']],
    ['ShippingSubscription', ['order.paid']],
  ])('%s filters on eventType with raw delivery', (name, types) => {
    const p = resources[name].Properties;
    expect(p.RawMessageDelivery).toBe(true);
    expect(p.FilterPolicy).toEqual({ eventType: types });
  });
});
