#!/usr/bin/env node
import { App } from 'cdktf';
import { TapStack } from '../lib/tap-stack';

const app = new App();
const environmentSuffix = process.env.ENVIRONMENT_SUFFIX ?? 'dev';

new TapStack(app, `TapStack${environmentSuffix}`, {
  environmentSuffix,
  enableBreakGlass: process.env.ENABLE_BREAK_GLASS !== 'false',
});
app.synth();
