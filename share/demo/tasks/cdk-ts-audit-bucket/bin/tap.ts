#!/usr/bin/env node
import * as cdk from 'aws-cdk-lib';
import { TapStack } from '../lib/tap-stack';

const app = new cdk.App();
const environmentSuffix = app.node.tryGetContext('environmentSuffix') ?? 'dev';

new TapStack(app, `TapStack${environmentSuffix}`, {
  environmentSuffix,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: 'eu-west-1' },
  tags: { Project: 'audit-archive', Environment: environmentSuffix },
});
