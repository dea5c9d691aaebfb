import * as pulumi from '@pulumi/pulumi';
import { TapStack } from '../lib/tap-stack';

const config = new pulumi.Config();
const environmentSuffix = config.get('environmentSuffix') ?? 'dev';

const stack = new TapStack('notes', {
  environmentSuffix,
  domainName: config.get('domainName'),
  certificateArn: config.get('certificateArn'),
  tags: { Project: 'notes-api' },
});

export const apiEndpoint = stack.apiEndpoint;
export const domainTarget = stack.domainTarget;
