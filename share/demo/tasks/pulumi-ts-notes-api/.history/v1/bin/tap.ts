import * as pulumi from '@pulumi/pulumi';
import { TapStack } from '../lib/tap-stack';

const config = new pulumi.Config();
const environmentSuffix = config.get('environmentSuffix') ?? 'dev';

const stack = new TapStack('notes', {
  environmentSuffix,
  tags: { Project: 'notes-api' },
});

export const apiEndpoint = stack.apiEndpoint;
