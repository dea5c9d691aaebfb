#!/usr/bin/env python3
import aws_cdk as cdk

from lib.tap_stack import TapStack

app = cdk.App()
environment_suffix = app.node.try_get_context("environmentSuffix") or "dev"
TapStack(
    app,
    f"TapStack{environment_suffix}",
    environment_suffix=environment_suffix,
    env=cdk.Environment(region="us-east-1"),
)
app.synth()
