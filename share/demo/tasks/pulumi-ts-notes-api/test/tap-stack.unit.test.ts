import * as pulumi from '@pulumi/pulumi';

pulumi.runtime.setMocks({
  newResource: (args) => ({ id: `${args.name}-id`, state: { ...args.inputs, arn: `arn:mock:${args.name}` } }),
  call: (args) => args.inputs,
});

import { TapStack } from '../lib/tap-stack';

const value = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));

describe('TapStack', () => {
  test('no custom domain without config', async () => {
    const stack = new TapStack('t1', { environmentSuffix: 'test' });
    expect(await value(stack.domainTarget)).toBeUndefined();
  });

  test('custom domain when both values are set', async () => {
    const stack = new TapStack('t2', {
      environmentSuffix: 'test',
      domainName: 'notes.example.com',
      certificateArn: 'arn:aws:acm:ap-southeast-2:123456789012:certificate/abc',
    });
    expect(stack.domainTarget).toBeDefined();
  });
});
