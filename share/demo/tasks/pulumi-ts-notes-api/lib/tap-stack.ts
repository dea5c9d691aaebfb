import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface TapStackArgs {
  environmentSuffix: string;
  /** Custom domain; both or neither of domainName and certificateArn. */
  domainName?: string;
  certificateArn?: pulumi.Input<string>;
  tags?: Record<string, string>;
}

const ROUTES = ['GET /notes/{id}', 'PUT /notes/{id}', 'DELETE /notes/{id}'];

export class TapStack extends pulumi.ComponentResource {
  public readonly apiEndpoint: pulumi.Output<string>;
  public readonly domainTarget: pulumi.Output<string | undefined>;

  constructor(name: string, args: TapStackArgs, opts?: pulumi.ComponentResourceOptions) {
    super('tap:stack:TapStack', name, {}, opts);
    const suffix = args.environmentSuffix;
    const tags = { ...args.tags, Environment: suffix, Service: 'notes' };
    const parent = { parent: this };

    const table = new aws.dynamodb.Table(`notes-${suffix}`, {
      attributes: [{ name: 'noteId', type: 'S' }],
      hashKey: 'noteId',
      billingMode: 'PAY_PER_REQUEST',
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true },
      tags,
    }, parent);

    const role = new aws.iam.Role(`notes-fn-${suffix}`, {
      assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
      tags,
    }, parent);
    new aws.iam.RolePolicyAttachment(`notes-fn-logs-${suffix}`, {
      role: role.name,
      policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole,
    }, parent);
    new aws.iam.RolePolicy(`notes-fn-table-${suffix}`, {
      role: role.id,
      policy: table.arn.apply((arn) => JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
          Resource: arn,
        }],
      })),
    }, parent);

    const fn = new aws.lambda.Function(`notes-${suffix}`, {
      runtime: aws.lambda.Runtime.NodeJS20dX,
      handler: 'index.handler',
      role: role.arn,
      code: new pulumi.asset.FileArchive('./lib/lambda'),
      timeout: 10,
      environment: { variables: { TABLE_NAME: table.name } },
      tags,
    }, parent);

    const api = new aws.apigatewayv2.Api(`notes-${suffix}`, { protocolType: 'HTTP', tags }, parent);
    const integration = new aws.apigatewayv2.Integration(`notes-${suffix}`, {
      apiId: api.id,
      integrationType: 'AWS_PROXY',
      integrationUri: fn.invokeArn,
      payloadFormatVersion: '2.0',
    }, parent);
    ROUTES.forEach((routeKey) => {
      new aws.apigatewayv2.Route(`notes-${suffix}-${routeKey.split(' ')[0].toLowerCase()}`, {
        apiId: api.id,
        routeKey,
        target: pulumi.interpolate`integrations/${integration.id}`,
      }, parent);
    });

    const accessLogs = new aws.cloudwatch.LogGroup(`notes-api-access-${suffix}`, {
      retentionInDays: 30,
      tags,
    }, parent);
    // HTTP APIs cannot be associated with a WAF web ACL: throttle at the stage.
    const stage = new aws.apigatewayv2.Stage(`notes-${suffix}`, {
      apiId: api.id,
      name: '$default',
      autoDeploy: true,
      defaultRouteSettings: { throttlingBurstLimit: 50, throttlingRateLimit: 100 },
      accessLogSettings: {
        destinationArn: accessLogs.arn,
        format: JSON.stringify({
          requestId: '$context.requestId',
          sourceIp: '$context.identity.sourceIp',
          routeKey: '$context.routeKey',
          status: '$context.status',
          latencyMs: '$context.responseLatency',
        }),
      },
      tags,
    }, parent);

    new aws.lambda.Permission(`notes-invoke-${suffix}`, {
      action: 'lambda:InvokeFunction',
      function: fn.name,
      principal: 'apigateway.amazonaws.com',
      sourceArn: pulumi.interpolate`${api.executionArn}/*/*`,
    }, parent);

    let domainTarget: pulumi.Output<string | undefined> = pulumi.output(undefined);
    if (args.domainName && args.certificateArn) {
      const domain = new aws.apigatewayv2.DomainName(`notes-${suffix}`, {
        domainName: args.domainName,
        domainNameConfiguration: {
          certificateArn: args.certificateArn,
          endpointType: 'REGIONAL',
          securityPolicy: 'TLS_1_2',
        },
        tags,
      }, parent);
      new aws.apigatewayv2.ApiMapping(`notes-${suffix}`, {
        apiId: api.id,
        domainName: domain.id,
        stage: stage.id,
      }, parent);
      domainTarget = domain.domainNameConfiguration.targetDomainName;
    }

    this.apiEndpoint = api.apiEndpoint;
    this.domainTarget = domainTarget;
    this.registerOutputs({ apiEndpoint: this.apiEndpoint, domainTarget: this.domainTarget });
  }
}
