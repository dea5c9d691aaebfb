/* gen-repo: the git fast-import stream of a large IaC task repository.
 *
 * The history has the shape measured on a real task repository
 * (/work/shared/docs/corpus-facts.md, domain.md "How a task lives in git"):
 * each task is written at the repository root (lib/, metadata.json, test/)
 * on a pull-request branch over several commits, a bot commit renames those
 * files into archive/<platform>-<language>/Pr<N>/, and the branch is merged
 * with "Merge pull request #N from ...".  Branches start behind main and
 * sometimes merge main in.  Documents have the real sizes and structure:
 * IDEAL_RESPONSE.md is MODEL_RESPONSE.md edited (sometimes rewritten,
 * sometimes identical), MODEL_FAILURES.md has "### N. Title" items,
 * metadata.json has the real variety (training_quality as int, float,
 * string, object, absent or misspelt; a couple malformed or missing).
 *
 * The same options give the same stream, byte for byte.
 *
 * usage: gen-repo [--tasks N] [--commits N] [--seed N] [--summary FILE]
 * bench/gen-repo pipes the stream into `git fast-import`. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define S_AND_LEN(lit) (lit), (sizeof(lit) - 1)

/* ---- basics ------------------------------------------------------------ */

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("gen-repo: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xrealloc(NULL, n), s, n);
}

#define GROW(v, n, cap)                                                   \
	do {                                                              \
		if ((n) >= (cap)) {                                       \
			(cap) = (cap) ? (cap) * 2 : 16;                   \
			(v) = xrealloc((v), (cap) * sizeof(*(v)));        \
		}                                                         \
	} while (0)

struct sbuf {
	char *p;
	size_t len, cap;
};

static void sb_reserve(struct sbuf *b, size_t add)
{
	if (b->len + add + 1 <= b->cap)
		return;
	size_t c = b->cap ? b->cap : 4096;
	while (c < b->len + add + 1)
		c *= 2;
	b->p = xrealloc(b->p, c);
	b->cap = c;
}

static void sb_put(struct sbuf *b, const void *s, size_t n)
{
	sb_reserve(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void sb_puts(struct sbuf *b, const char *s)
{
	sb_put(b, s, strlen(s));
}

static void sb_vprintf(struct sbuf *b, const char *fmt, va_list ap)
{
	va_list cp;
	sb_reserve(b, 256);
	va_copy(cp, ap);
	int n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, cp);
	va_end(cp);
	if (n < 0)
		die("bad format");
	if ((size_t)n >= b->cap - b->len) {
		sb_reserve(b, (size_t)n);
		vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

static void sb_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(b, fmt, ap);
	va_end(ap);
}

/* Insert bytes at offset `at`. */
static void sb_insert(struct sbuf *b, size_t at, const void *s, size_t n)
{
	sb_reserve(b, n);
	memmove(b->p + at + n, b->p + at, b->len - at);
	memcpy(b->p + at, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* ---- randomness (splitmix64: tiny, fast, the same everywhere) ---------- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static uint32_t below(uint32_t n)
{
	return (uint32_t)(((rnd() >> 32) * n) >> 32);
}

static double unit(void)
{
	return (double)(rnd() >> 11) * 0x1.0p-53;
}

static bool chance(double p)
{
	return unit() < p;
}

static double normal(void)
{
	double u = unit(), v = unit();
	return sqrt(-2.0 * log(u + 1e-300)) * cos(6.283185307179586 * v);
}

static double lognormal(double median, double sigma)
{
	return median * exp(sigma * normal());
}

static size_t clampz(double v, size_t lo, size_t hi)
{
	return v < (double)lo ? lo : v > (double)hi ? hi : (size_t)v;
}

#define PICK(a) ((a)[below((uint32_t)N_OF(a))])

struct wpick {
	int value;
	int weight;
};

static int pick_weighted(const struct wpick *w, size_t n)
{
	int total = 0;
	for (size_t i = 0; i < n; i++)
		total += w[i].weight;
	int r = (int)below((uint32_t)total);
	for (size_t i = 0; i < n; i++) {
		if (r < w[i].weight)
			return w[i].value;
		r -= w[i].weight;
	}
	return w[n - 1].value;
}

/* ---- vocabulary ------------------------------------------------------- */

enum lang { L_TS, L_PY, L_HCL, L_YAML, L_JSON, L_GO, L_JAVA, L_JS, L_CICD, L_BASH, L_MD, L_TEXT, NLANG };

enum family { F_CDK, F_CDKTF, F_PULUMI, F_CFN, F_TF, F_CICD, F_ANALYSIS };

struct platform {
	const char *dir, *plat, *lang;
	enum lang code;
	enum family family;
	int weight;  /* tasks per 3,318 (corpus-facts §1) */
};

static const struct platform platforms[] = {
	{ "cfn-yaml", "cfn", "yaml", L_YAML, F_CFN, 660 },
	{ "tf-hcl", "tf", "hcl", L_HCL, F_TF, 644 },
	{ "cdk-ts", "cdk", "ts", L_TS, F_CDK, 463 },
	{ "pulumi-ts", "pulumi", "ts", L_TS, F_PULUMI, 293 },
	{ "cfn-json", "cfn", "json", L_JSON, F_CFN, 278 },
	{ "cdk-py", "cdk", "py", L_PY, F_CDK, 223 },
	{ "pulumi-py", "pulumi", "py", L_PY, F_PULUMI, 221 },
	{ "cdktf-ts", "cdktf", "ts", L_TS, F_CDKTF, 157 },
	{ "cdktf-py", "cdktf", "py", L_PY, F_CDKTF, 118 },
	{ "analysis-py", "analysis", "py", L_PY, F_ANALYSIS, 55 },
	{ "cdk-go", "cdk", "go", L_GO, F_CDK, 38 },
	{ "cdk-java", "cdk", "java", L_JAVA, F_CDK, 36 },
	{ "cicd-yml", "cicd", "yml", L_CICD, F_CICD, 34 },
	{ "pulumi-go", "pulumi", "go", L_GO, F_PULUMI, 30 },
	{ "pulumi-java", "pulumi", "java", L_JAVA, F_PULUMI, 18 },
	{ "cdk-js", "cdk", "js", L_JS, F_CDK, 16 },
	{ "cdktf-go", "cdktf", "go", L_GO, F_CDKTF, 12 },
	{ "cdktf-java", "cdktf", "java", L_JAVA, F_CDKTF, 10 },
	{ "cicd-yaml", "cicd", "yaml", L_CICD, F_CICD, 10 },
	{ "pulumi-yaml", "pulumi", "yaml", L_YAML, F_PULUMI, 8 },
};

/* Folder names that exist once each in the real repository. */
static const struct {
	const char *dir;
	int platform;
} odd_dirs[] = {
	{ "CloudFormation-JSON", 4 }, { "cdk-python", 5 }, { "cdktf-python", 8 }, { "cfn-yml", 0 },
};

/* A non-canonical folder that a later commit renames to the canonical one. */
static const char *const renamed_from[] = {
	"analysis-python", "cdk-typescript", "cfn-yml-old", "terraform-hcl", "pulumi-typescript",
};

struct service {
	const char *name, *mod, *cons, *cfn, *tf;
};

static const struct service services[] = {
	{ "S3", "s3", "Bucket", "AWS::S3::Bucket", "aws_s3_bucket" },
	{ "Lambda", "lambda", "Function", "AWS::Lambda::Function", "aws_lambda_function" },
	{ "DynamoDB", "dynamodb", "Table", "AWS::DynamoDB::Table", "aws_dynamodb_table" },
	{ "SQS", "sqs", "Queue", "AWS::SQS::Queue", "aws_sqs_queue" },
	{ "SNS", "sns", "Topic", "AWS::SNS::Topic", "aws_sns_topic" },
	{ "KMS", "kms", "Key", "AWS::KMS::Key", "aws_kms_key" },
	{ "IAM", "iam", "Role", "AWS::IAM::Role", "aws_iam_role" },
	{ "EC2", "ec2", "Vpc", "AWS::EC2::VPC", "aws_vpc" },
	{ "EC2", "ec2", "SecurityGroup", "AWS::EC2::SecurityGroup", "aws_security_group" },
	{ "RDS", "rds", "DatabaseCluster", "AWS::RDS::DBCluster", "aws_rds_cluster" },
	{ "CloudWatch", "cloudwatch", "Alarm", "AWS::CloudWatch::Alarm", "aws_cloudwatch_metric_alarm" },
	{ "CloudWatch Logs", "logs", "LogGroup", "AWS::Logs::LogGroup", "aws_cloudwatch_log_group" },
	{ "API Gateway", "apigateway", "RestApi", "AWS::ApiGateway::RestApi", "aws_api_gateway_rest_api" },
	{ "ECS", "ecs", "FargateService", "AWS::ECS::Service", "aws_ecs_service" },
	{ "ELB", "elbv2", "ApplicationLoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer", "aws_lb" },
	{ "Secrets Manager", "secretsmanager", "Secret", "AWS::SecretsManager::Secret", "aws_secretsmanager_secret" },
	{ "Step Functions", "stepfunctions", "StateMachine", "AWS::StepFunctions::StateMachine", "aws_sfn_state_machine" },
	{ "EventBridge", "events", "Rule", "AWS::Events::Rule", "aws_cloudwatch_event_rule" },
	{ "CloudFront", "cloudfront", "Distribution", "AWS::CloudFront::Distribution", "aws_cloudfront_distribution" },
	{ "Kinesis", "kinesis", "Stream", "AWS::Kinesis::Stream", "aws_kinesis_stream" },
	{ "ElastiCache", "elasticache", "ReplicationGroup", "AWS::ElastiCache::ReplicationGroup", "aws_elasticache_replication_group" },
	{ "WAF", "wafv2", "WebAcl", "AWS::WAFv2::WebACL", "aws_wafv2_web_acl" },
	{ "Config", "config", "ConfigRule", "AWS::Config::ConfigRule", "aws_config_config_rule" },
	{ "CloudTrail", "cloudtrail", "Trail", "AWS::CloudTrail::Trail", "aws_cloudtrail" },
	{ "Route 53", "route53", "HostedZone", "AWS::Route53::HostedZone", "aws_route53_zone" },
	{ "EFS", "efs", "FileSystem", "AWS::EFS::FileSystem", "aws_efs_file_system" },
	{ "Backup", "backup", "BackupPlan", "AWS::Backup::BackupPlan", "aws_backup_plan" },
};

static const char *const adjs[] = {
	"data", "audit", "primary", "backup", "app", "api", "processing", "archive", "event",
	"order", "payment", "analytics", "monitoring", "compliance", "shared", "private", "public",
	"ingest", "report", "session", "user", "metrics", "alert", "config", "artifact", "static",
	"web", "worker", "batch", "stream", "inventory", "billing", "transaction", "notification",
};

static const char *const props[] = {
	"bucketName", "encryption", "versioned", "removalPolicy", "timeout", "memorySize", "runtime",
	"handler", "billingMode", "partitionKey", "pointInTimeRecovery", "visibilityTimeout",
	"retentionPeriod", "enableKeyRotation", "description", "maxAzs", "natGateways", "instanceType",
	"multiAz", "deletionProtection", "backupRetention", "evaluationPeriods", "threshold",
	"logRetention", "tracing", "environment", "securityGroups", "encryptionKey",
	"autoDeleteObjects", "streamViewType", "deadLetterQueue", "desiredCount", "cpu",
	"memoryLimitMiB", "healthCheckPath", "port", "protocol", "alias", "displayName",
	"retryAttempts", "minCapacity", "maxCapacity", "storageEncrypted", "publiclyAccessible",
	"cidrBlock", "enableDnsHostnames", "lifecycleRules", "blockPublicAccess", "serverAccessLogsPrefix",
};

static const char *const subjects[] = {
	"stack", "implementation", "template", "module", "construct", "configuration", "solution",
	"pipeline", "deployment", "architecture", "Lambda function", "state machine", "network layer",
};

static const char *const verbs[] = {
	"provisions", "creates", "configures", "deploys", "defines", "encrypts", "exposes",
	"monitors", "isolates", "replicates", "rotates", "validates", "tags", "restricts", "routes",
};

static const char *const tails[] = {
	"with encryption at rest", "across three availability zones",
	"for every environment", "using a customer-managed KMS key",
	"behind an Application Load Balancer", "with least-privilege IAM permissions",
	"so that every resource name includes the environment suffix",
	"according to the AWS Well-Architected Framework", "without hardcoded account IDs",
	"with point-in-time recovery enabled", "and publishes alarms to an SNS topic",
	"to keep costs predictable", "in private subnets only", "with deletion protection disabled for tests",
	"and exports its outputs for the integration tests", "with a retention period of 30 days",
	"before traffic reaches the application tier", "when the stack is destroyed",
};

static const char *const openers[] = {
	"", "", "", "", "In addition, ", "However, ", "To meet the requirements, ", "Finally, ",
	"Note that ", "As a result, ", "For production use, ", "By default, ",
};

static const char *const features[] = {
	"Encryption", "High Availability", "Monitoring", "Least Privilege", "Cost Optimization",
	"Compliance", "Disaster Recovery", "Scalability", "Observability", "Tagging", "Networking",
	"Security", "Resource Naming", "Idempotency", "Logging", "Auditing", "Backups",
};

static const char *const problems[] = {
	"Missing encryption on", "Hardcoded region in", "Overly permissive IAM policy for",
	"Incorrect removal policy on", "Missing environment suffix in", "Circular dependency between",
	"Deprecated property used by", "Missing deletion protection on", "Wrong CIDR range for",
	"Unused parameter in", "Incomplete tagging of", "Invalid runtime for",
	"Missing CloudWatch alarms for", "Public access allowed to", "Retention not configured for",
};

static const char *const sections_generic[] = {
	"Architecture Overview", "Implementation", "Key Features", "Security Considerations",
	"Deployment", "Testing", "Outputs", "Summary", "Design Decisions", "Project Structure",
	"Prerequisites", "Configuration", "Cost Considerations", "Monitoring and Alerting",
};

static const char *const bash_cmds[] = {
	"npm install", "npm run build", "npx cdk synth",
	"npx cdk deploy --all --require-approval never --context environmentSuffix=dev",
	"terraform init -backend-config=\"bucket=tf-state-${ENVIRONMENT_SUFFIX}\"",
	"terraform plan -out=tfplan", "terraform apply -auto-approve tfplan",
	"aws cloudformation deploy --template-file lib/TapStack.yml --stack-name TapStackdev --capabilities CAPABILITY_NAMED_IAM",
	"pulumi up --yes --stack dev", "pytest tests/ -v --cov=lib --cov-report=term-missing",
	"npm run test:unit", "npm run test:integration", "export ENVIRONMENT_SUFFIX=dev",
	"export AWS_REGION=us-east-1", "aws s3 ls s3://tap-artifacts-dev/",
	"aws dynamodb describe-table --table-name orders-dev --query 'Table.TableStatus'",
	"pipenv install --dev", "go test ./... -v", "mvn -q clean package", "npx cdk destroy --all --force",
	"aws logs tail /aws/lambda/processor-dev --follow", "cfn-lint lib/TapStack.yml",
	"./scripts/deploy.sh", "aws sts get-caller-identity",
};

static const char *const authors_main[] = {
	"mayanksethi-turing", "iamarpit-turing", "rajendrasingh-turing", "Govardhan527",
	"priya-turing", "arjun-dev", "nikhil-iac", "sana-cloud", "devops-ravi", "kavya-turing",
};

static const char *const subtasks[] = {
	"Provisioning of Infrastructure Environments", "Provisioning of Infrastructure Environments",
	"Provisioning of Infrastructure Environments", "Application Deployment", "Application Deployment",
	"Security, Compliance, and Governance", "Security, Compliance and Governance",
	"Failure Recovery and High Availability", "Infrastructure QA and Management",
	"CI/CD Pipeline Integration", "Cloud Environment Setup", "Web Application Deployment",
	"Serverless Infrastructure (Functions as Code)", "Environment Migration",
};

static const char *const labels[] = {
	"Cloud Environment Setup", "Security Configuration as Code", "Web Application Deployment",
	"Serverless Infrastructure", "Environment Migration", "Multi-Environment Consistency",
	"IaC Optimization", "Infrastructure Analysis/Monitoring", "General Infrastructure Tooling QA",
	"CI/CD Pipeline", "Failure Recovery Automation",
};

static const char *const regions[] = {
	"us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1",
};

static const char *const subcats[] = {
	"iac-optimization", "security-configuration", "failure-recovery", "cost-optimization",
	"multi-environment",
};

/* ---- documents: lines in an arena ------------------------------------- */

enum lkind { LK_BLANK, LK_HEAD, LK_PROSE, LK_OPEN, LK_CODE, LK_CLOSE };

struct dline {
	uint32_t off, len;
	uint8_t kind, lang, indent;
};

struct doc {
	struct dline *v;
	size_t n, cap;
	size_t bytes;
};

/* The text of every line of the current pull request's documents. */
static struct sbuf arena;
static size_t line_start;

static void doc_push(struct doc *d, struct dline l)
{
	GROW(d->v, d->n, d->cap);
	d->v[d->n++] = l;
	d->bytes += l.len + 1;
}

static void doc_clear(struct doc *d)
{
	d->n = 0;
	d->bytes = 0;
}

static void doc_copy(struct doc *dst, const struct doc *src)
{
	doc_clear(dst);
	for (size_t i = 0; i < src->n; i++)
		doc_push(dst, src->v[i]);
}

static void lb(void)
{
	line_start = arena.len;
}

static void ap(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void ap(const char *fmt, ...)
{
	va_list a;
	va_start(a, fmt);
	sb_vprintf(&arena, fmt, a);
	va_end(a);
}

static void aps(const char *s)
{
	sb_puts(&arena, s);
}

static void le(struct doc *d, int kind, int lang)
{
	uint32_t off = (uint32_t)line_start, len = (uint32_t)(arena.len - line_start);
	uint8_t indent = 0;
	while (indent < len && indent < 200 && (arena.p[off + indent] == ' ' || arena.p[off + indent] == '\t'))
		indent++;
	doc_push(d, (struct dline){ off, len, (uint8_t)kind, (uint8_t)lang, indent });
}

static void add(struct doc *d, int kind, int lang, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void add(struct doc *d, int kind, int lang, const char *fmt, ...)
{
	va_list a;
	lb();
	va_start(a, fmt);
	sb_vprintf(&arena, fmt, a);
	va_end(a);
	le(d, kind, lang);
}

static void blank(struct doc *d)
{
	lb();
	le(d, LK_BLANK, 0);
}

/* ---- identifiers ------------------------------------------------------ */

enum casing { C_CAMEL, C_PASCAL, C_SNAKE, C_KEBAB, C_UPPER };

/* Append `word` (camelCase or Pascal) in the given casing. */
static void ap_case(const char *word, enum casing c)
{
	for (const char *p = word; *p; p++) {
		char ch = *p;
		bool up = ch >= 'A' && ch <= 'Z';
		if (p == word) {
			if (c == C_PASCAL && ch >= 'a' && ch <= 'z')
				ch = (char)(ch - 32);
			else if ((c == C_CAMEL || c == C_SNAKE || c == C_KEBAB) && up)
				ch = (char)(ch + 32);
			else if (c == C_UPPER && ch >= 'a' && ch <= 'z')
				ch = (char)(ch - 32);
		} else if (up && (c == C_SNAKE || c == C_KEBAB || c == C_UPPER)) {
			sb_put(&arena, c == C_KEBAB ? "-" : "_", 1);
			if (c != C_UPPER)
				ch = (char)(ch + 32);
		} else if (c == C_UPPER && ch >= 'a' && ch <= 'z') {
			ch = (char)(ch - 32);
		}
		sb_put(&arena, &ch, 1);
	}
}

/* An identifier made of an adjective and a construct name. */
static void ap_ident(const char *adj, const char *cons, enum casing c)
{
	ap_case(adj, c);
	if (c == C_SNAKE || c == C_UPPER)
		aps("_");
	else if (c == C_KEBAB)
		aps("-");
	ap_case(cons, c == C_CAMEL ? C_PASCAL : c);
}

static void ap_sentence(void);

/* A property value in a language's syntax. */
static void ap_value(enum lang l)
{
	const char *a = PICK(adjs), *b = PICK(adjs);
	int k = (int)below(5);
	switch (l) {
	case L_TS:
	case L_JS:
		if (k == 0)
			ap("`%s-%s-${environmentSuffix}`", a, b);
		else if (k == 1)
			ap("%u", 1 + below(1000));
		else if (k == 2)
			aps(chance(0.7) ? "true" : "false");
		else if (k == 3)
			ap("cdk.Duration.seconds(%u)", 5 + below(900));
		else
			ap("props.%sConfig", a);
		break;
	case L_PY:
		if (k == 0)
			ap("f\"%s-%s-{self.environment_suffix}\"", a, b);
		else if (k == 1)
			ap("%u", 1 + below(1000));
		else if (k == 2)
			aps(chance(0.7) ? "True" : "False");
		else if (k == 3)
			ap("Duration.seconds(%u)", 5 + below(900));
		else
			ap("props.%s_config", a);
		break;
	case L_HCL:
		if (k == 0)
			ap("\"%s-%s-${var.environment_suffix}\"", a, b);
		else if (k == 1)
			ap("%u", 1 + below(1000));
		else if (k == 2)
			aps(chance(0.7) ? "true" : "false");
		else if (k == 3)
			ap("aws_kms_key.%s.arn", a);
		else
			ap("var.%s_%s", a, b);
		break;
	case L_YAML:
	case L_CICD:
		if (k == 0)
			ap("!Sub '%s-%s-${EnvironmentSuffix}'", a, b);
		else if (k == 1)
			ap("%u", 1 + below(1000));
		else if (k == 2)
			aps(chance(0.7) ? "true" : "false");
		else if (k == 3) {
			aps("!GetAtt ");
			ap_ident(a, "Key", C_PASCAL);
			aps(".Arn");
		} else {
			aps("!Ref ");
			ap_ident(a, "Parameter", C_PASCAL);
		}
		break;
	case L_JSON:
		if (k == 0)
			ap("{ \"Fn::Sub\": \"%s-%s-${EnvironmentSuffix}\" }", a, b);
		else if (k == 1)
			ap("%u", 1 + below(1000));
		else if (k == 2)
			aps(chance(0.7) ? "true" : "false");
		else {
			aps("{ \"Ref\": \"");
			ap_ident(a, "Key", C_PASCAL);
			aps("\" }");
		}
		break;
	case L_GO:
		if (k == 0)
			ap("jsii.String(\"%s-%s-\" + environmentSuffix)", a, b);
		else if (k == 1)
			ap("jsii.Number(%u)", 1 + below(1000));
		else if (k == 2)
			aps("jsii.Bool(true)");
		else
			ap("awscdk.Duration_Seconds(jsii.Number(%u))", 5 + below(900));
		break;
	case L_JAVA:
		if (k == 0)
			ap("\"%s-%s-\" + environmentSuffix", a, b);
		else if (k == 1)
			ap("%u", 1 + below(1000));
		else if (k == 2)
			aps("true");
		else
			ap("Duration.seconds(%u)", 5 + below(900));
		break;
	default:
		ap("%s-%s", a, b);
	}
}

/* ---- code ------------------------------------------------------------- */

static const char *const ts_imports[] = {
	"import * as cdk from 'aws-cdk-lib';", "import { Construct } from 'constructs';",
	"import * as s3 from 'aws-cdk-lib/aws-s3';", "import * as iam from 'aws-cdk-lib/aws-iam';",
	"import * as lambda from 'aws-cdk-lib/aws-lambda';", "import * as ec2 from 'aws-cdk-lib/aws-ec2';",
	"import * as kms from 'aws-cdk-lib/aws-kms';", "import * as pulumi from '@pulumi/pulumi';",
	"import * as aws from '@pulumi/aws';", "import { TerraformStack, TerraformOutput } from 'cdktf';",
};

static const char *const py_imports[] = {
	"import json", "import os", "from typing import Any, Dict, List, Optional",
	"from aws_cdk import Duration, RemovalPolicy, Stack", "from constructs import Construct",
	"import aws_cdk.aws_s3 as s3", "import aws_cdk.aws_iam as iam", "import pulumi",
	"import pulumi_aws as aws", "import boto3", "from botocore.exceptions import ClientError",
};

/* One piece of code (a resource, a function, a test): several lines. */
static void code_chunk(struct doc *d, enum lang l, enum family f)
{
	const struct service *s = &PICK(services);
	const char *a = PICK(adjs);
	unsigned nprops = 1 + below(6);
	int kind = (int)below(10); /* 0-6 resource, 7-8 function, 9 comment block */
	switch (l) {
	case L_TS:
	case L_JS:
		if (kind >= 7) {
			lb(); aps("  private "); ap_ident(a, s->cons, C_CAMEL); ap("(name: string): %s {", kind == 9 ? "void" : "string"); le(d, LK_CODE, l);
			add(d, LK_CODE, l, "    if (!name) {");
			lb(); aps("      throw new Error('"); ap_sentence(); aps("');"); le(d, LK_CODE, l);
			add(d, LK_CODE, l, "    }");
			add(d, LK_CODE, l, "    return `${name}-${this.environmentSuffix}`;");
			add(d, LK_CODE, l, "  }");
			break;
		}
		lb(); aps("    // "); ap_sentence(); le(d, LK_CODE, l);
		lb();
		if (f == F_PULUMI) {
			aps("    const "); ap_ident(a, s->cons, C_CAMEL); ap(" = new aws.%s.%s(`", s->mod, s->cons);
			ap_ident(a, s->cons, C_KEBAB); aps("-${environmentSuffix}`, {");
		} else if (f == F_CDKTF) {
			aps("    const "); ap_ident(a, s->cons, C_CAMEL); aps(" = new "); ap_case(s->tf + 4, C_PASCAL);
			aps("(this, '"); ap_ident(a, s->cons, C_KEBAB); aps("', {");
		} else {
			aps("    const "); ap_ident(a, s->cons, C_CAMEL); ap(" = new %s.%s(this, '", s->mod, s->cons);
			ap_ident(a, s->cons, C_PASCAL); aps("', {");
		}
		le(d, LK_CODE, l);
		for (unsigned i = 0; i < nprops; i++) {
			lb(); ap("      %s: ", PICK(props)); ap_value(l); aps(","); le(d, LK_CODE, l);
		}
		add(d, LK_CODE, l, f == F_PULUMI ? "    }, { parent: this });" : "    });");
		break;
	case L_PY:
		if (kind >= 7) {
			lb(); aps("    def _"); ap_ident(a, s->cons, C_SNAKE); aps("(self, name: str) -> str:"); le(d, LK_CODE, l);
			lb(); aps("        \"\"\""); ap_sentence(); aps("\"\"\""); le(d, LK_CODE, l);
			add(d, LK_CODE, l, "        if not name:");
			lb(); aps("            raise ValueError(\""); ap_sentence(); aps("\")"); le(d, LK_CODE, l);
			add(d, LK_CODE, l, "        return f\"{name}-{self.environment_suffix}\"");
			break;
		}
		lb(); aps("        # "); ap_sentence(); le(d, LK_CODE, l);
		if (f == F_ANALYSIS) {
			lb(); aps("        response = self."); ap_case(s->mod, C_SNAKE); aps("_client.describe_"); ap_ident(a, s->cons, C_SNAKE); aps("s("); le(d, LK_CODE, l);
		} else if (f == F_PULUMI) {
			lb(); aps("        self."); ap_ident(a, s->cons, C_SNAKE); ap(" = aws.%s.%s(", s->mod, s->cons); le(d, LK_CODE, l);
			lb(); aps("            f\""); ap_ident(a, s->cons, C_KEBAB); aps("-{self.environment_suffix}\","); le(d, LK_CODE, l);
		} else {
			lb(); aps("        self."); ap_ident(a, s->cons, C_SNAKE); ap(" = %s.%s(", s->mod, s->cons); le(d, LK_CODE, l);
			add(d, LK_CODE, l, "            self,");
			lb(); aps("            \""); ap_ident(a, s->cons, C_PASCAL); aps("\","); le(d, LK_CODE, l);
		}
		for (unsigned i = 0; i < nprops; i++) {
			lb(); aps("            "); ap_case(PICK(props), C_SNAKE); aps("="); ap_value(l); aps(","); le(d, LK_CODE, l);
		}
		add(d, LK_CODE, l, "        )");
		break;
	case L_HCL:
		if (kind >= 8) {
			lb(); aps("variable \""); ap_ident(a, s->cons, C_SNAKE); aps("\" {"); le(d, LK_CODE, l);
			lb(); aps("  description = \""); ap_sentence(); aps("\""); le(d, LK_CODE, l);
			add(d, LK_CODE, l, "  type        = %s", chance(0.5) ? "string" : "number");
			lb(); aps("  default     = "); ap_value(l); le(d, LK_CODE, l);
			add(d, LK_CODE, l, "}");
			break;
		}
		lb(); ap("resource \"%s\" \"", s->tf); ap_ident(a, s->cons, C_SNAKE); aps("\" {"); le(d, LK_CODE, l);
		for (unsigned i = 0; i < nprops; i++) {
			lb(); aps("  "); ap_case(PICK(props), C_SNAKE); aps(" = "); ap_value(l); le(d, LK_CODE, l);
		}
		add(d, LK_CODE, l, "%s", "");
		add(d, LK_CODE, l, "  tags = merge(local.common_tags, {");
		lb(); aps("    Name = \""); ap_ident(a, s->cons, C_KEBAB); aps("-${var.environment_suffix}\""); le(d, LK_CODE, l);
		add(d, LK_CODE, l, "  })");
		add(d, LK_CODE, l, "}");
		break;
	case L_YAML:
		lb(); aps("  "); ap_ident(a, s->cons, C_PASCAL); aps(":"); le(d, LK_CODE, l);
		add(d, LK_CODE, l, "    Type: %s", s->cfn);
		if (chance(0.3))
			add(d, LK_CODE, l, "    DeletionPolicy: %s", chance(0.5) ? "Delete" : "Retain");
		add(d, LK_CODE, l, "    Properties:");
		for (unsigned i = 0; i < nprops; i++) {
			lb(); aps("      "); ap_case(PICK(props), C_PASCAL); aps(": "); ap_value(l); le(d, LK_CODE, l);
		}
		add(d, LK_CODE, l, "      Tags:");
		add(d, LK_CODE, l, "        - Key: Environment");
		add(d, LK_CODE, l, "          Value: !Ref EnvironmentSuffix");
		break;
	case L_CICD:
		lb(); aps("  "); ap_ident(a, "Job", C_KEBAB); aps(":"); le(d, LK_CODE, l);
		add(d, LK_CODE, l, "    runs-on: ubuntu-latest");
		add(d, LK_CODE, l, "    needs: [%s]", PICK(adjs));
		add(d, LK_CODE, l, "    steps:");
		add(d, LK_CODE, l, "      - uses: actions/checkout@v4");
		for (unsigned i = 0; i < nprops; i++) {
			lb(); aps("      - name: "); ap_ident(a, PICK(features), C_PASCAL); le(d, LK_CODE, l);
			add(d, LK_CODE, l, "        run: %s", PICK(bash_cmds));
		}
		break;
	case L_JSON:
		lb(); aps("    \""); ap_ident(a, s->cons, C_PASCAL); aps("\": {"); le(d, LK_CODE, l);
		add(d, LK_CODE, l, "      \"Type\": \"%s\",", s->cfn);
		add(d, LK_CODE, l, "      \"Properties\": {");
		for (unsigned i = 0; i < nprops; i++) {
			lb(); aps("        \""); ap_case(PICK(props), C_PASCAL); aps("\": "); ap_value(l);
			aps(i + 1 < nprops ? "," : ""); le(d, LK_CODE, l);
		}
		add(d, LK_CODE, l, "      }");
		add(d, LK_CODE, l, "    },");
		break;
	case L_GO:
		lb(); aps("\t// "); ap_sentence(); le(d, LK_CODE, l);
		lb(); aps("\t"); ap_ident(a, s->cons, C_CAMEL); ap(" := aws%s.New%s(stack, jsii.String(\"", s->mod, s->cons);
		ap_ident(a, s->cons, C_PASCAL); ap("\"), &aws%s.%sProps{", s->mod, s->cons); le(d, LK_CODE, l);
		for (unsigned i = 0; i < nprops; i++) {
			lb(); aps("\t\t"); ap_case(PICK(props), C_PASCAL); aps(": "); ap_value(l); aps(","); le(d, LK_CODE, l);
		}
		add(d, LK_CODE, l, "\t})");
		break;
	case L_JAVA:
		lb(); aps("        // "); ap_sentence(); le(d, LK_CODE, l);
		lb(); ap("        %s ", s->cons); ap_ident(a, s->cons, C_CAMEL); ap(" = %s.Builder.create(this, \"", s->cons);
		ap_ident(a, s->cons, C_PASCAL); aps("\")"); le(d, LK_CODE, l);
		for (unsigned i = 0; i < nprops; i++) {
			lb(); ap("                .%s(", PICK(props)); ap_value(l); aps(")"); le(d, LK_CODE, l);
		}
		add(d, LK_CODE, l, "                .build();");
		break;
	case L_BASH:
		if (chance(0.3)) {
			lb(); aps("# "); ap_sentence(); le(d, LK_CODE, l);
		}
		add(d, LK_CODE, l, "%s", PICK(bash_cmds));
		return;
	case L_TEXT:
		add(d, LK_CODE, l, "%s %s/", chance(0.8) ? "├──" : "└──", PICK(adjs));
		for (unsigned i = 0; i < nprops; i++) {
			lb(); aps(i + 1 < nprops ? "│   ├── " : "│   └── "); ap_ident(a, s->cons, C_KEBAB); aps(".ts"); le(d, LK_CODE, l);
		}
		return;
	case L_MD:
		/* A README inside a ```markdown block, with its own fences: the
		 * nesting that CommonMark closes too early (corpus-facts §2). */
		lb(); aps("## "); aps(PICK(sections_generic)); le(d, LK_CODE, l);
		add(d, LK_CODE, l, "%s", "");
		lb(); ap_sentence(); le(d, LK_CODE, l);
		add(d, LK_CODE, l, "%s", "");
		add(d, LK_CODE, l, "```bash");
		for (unsigned i = 0; i < 1 + nprops / 2; i++)
			add(d, LK_CODE, l, "%s", PICK(bash_cmds));
		add(d, LK_CODE, l, "```");
		break;
	default:
		break;
	}
	add(d, LK_CODE, l, "%s", "");
}

/* The first lines of a file in language l. */
static void code_prologue(struct doc *d, enum lang l, enum family f)
{
	switch (l) {
	case L_TS:
	case L_JS:
		for (unsigned i = 0, n = 2 + below(5); i < n; i++)
			add(d, LK_CODE, l, "%s", PICK(ts_imports));
		add(d, LK_CODE, l, "%s", "");
		add(d, LK_CODE, l, "export interface TapStackProps extends cdk.StackProps {");
		add(d, LK_CODE, l, "  environmentSuffix?: string;");
		add(d, LK_CODE, l, "}");
		add(d, LK_CODE, l, "%s", "");
		add(d, LK_CODE, l, "export class TapStack extends %s {", f == F_PULUMI ? "pulumi.ComponentResource" : "cdk.Stack");
		add(d, LK_CODE, l, "  constructor(scope: Construct, id: string, props?: TapStackProps) {");
		add(d, LK_CODE, l, "    super(scope, id, props);");
		add(d, LK_CODE, l, "    const environmentSuffix = props?.environmentSuffix || 'dev';");
		add(d, LK_CODE, l, "%s", "");
		break;
	case L_PY:
		for (unsigned i = 0, n = 2 + below(5); i < n; i++)
			add(d, LK_CODE, l, "%s", PICK(py_imports));
		add(d, LK_CODE, l, "%s", "");
		add(d, LK_CODE, l, "%s", "");
		add(d, LK_CODE, l, "class TapStack(%s):", f == F_PULUMI ? "pulumi.ComponentResource" : "Stack");
		lb(); aps("    \"\"\""); ap_sentence(); aps("\"\"\""); le(d, LK_CODE, l);
		add(d, LK_CODE, l, "%s", "");
		add(d, LK_CODE, l, "    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:");
		add(d, LK_CODE, l, "        super().__init__(scope, construct_id, **kwargs)");
		add(d, LK_CODE, l, "        self.environment_suffix = kwargs.get(\"environment_suffix\", \"dev\")");
		add(d, LK_CODE, l, "%s", "");
		break;
	case L_HCL:
		add(d, LK_CODE, l, "terraform {");
		add(d, LK_CODE, l, "  required_version = \">= 1.5.0\"");
		add(d, LK_CODE, l, "  required_providers {");
		add(d, LK_CODE, l, "    aws = {");
		add(d, LK_CODE, l, "      source  = \"hashicorp/aws\"");
		add(d, LK_CODE, l, "      version = \"~> 5.0\"");
		add(d, LK_CODE, l, "    }");
		add(d, LK_CODE, l, "  }");
		add(d, LK_CODE, l, "}");
		add(d, LK_CODE, l, "%s", "");
		break;
	case L_YAML:
		add(d, LK_CODE, l, "AWSTemplateFormatVersion: '2010-09-09'");
		lb(); aps("Description: '"); ap_sentence(); aps("'"); le(d, LK_CODE, l);
		add(d, LK_CODE, l, "%s", "");
		add(d, LK_CODE, l, "Parameters:");
		add(d, LK_CODE, l, "  EnvironmentSuffix:");
		add(d, LK_CODE, l, "    Type: String");
		add(d, LK_CODE, l, "    Default: dev");
		add(d, LK_CODE, l, "%s", "");
		add(d, LK_CODE, l, "Resources:");
		break;
	case L_CICD:
		add(d, LK_CODE, l, "name: CI/CD Pipeline");
		add(d, LK_CODE, l, "on:");
		add(d, LK_CODE, l, "  push:");
		add(d, LK_CODE, l, "    branches: [main]");
		add(d, LK_CODE, l, "jobs:");
		break;
	case L_JSON:
		add(d, LK_CODE, l, "{");
		add(d, LK_CODE, l, "  \"AWSTemplateFormatVersion\": \"2010-09-09\",");
		lb(); aps("  \"Description\": \""); ap_sentence(); aps("\","); le(d, LK_CODE, l);
		add(d, LK_CODE, l, "  \"Resources\": {");
		break;
	case L_GO:
		add(d, LK_CODE, l, "package main");
		add(d, LK_CODE, l, "%s", "");
		add(d, LK_CODE, l, "import (");
		add(d, LK_CODE, l, "\t\"github.com/aws/aws-cdk-go/awscdk/v2\"");
		add(d, LK_CODE, l, "\t\"github.com/aws/jsii-runtime-go\"");
		add(d, LK_CODE, l, ")");
		add(d, LK_CODE, l, "%s", "");
		add(d, LK_CODE, l, "func NewTapStack(scope constructs.Construct, id string, props *TapStackProps) awscdk.Stack {");
		add(d, LK_CODE, l, "\tstack := awscdk.NewStack(scope, &id, &props.StackProps)");
		break;
	case L_JAVA:
		add(d, LK_CODE, l, "package app;");
		add(d, LK_CODE, l, "%s", "");
		add(d, LK_CODE, l, "import software.amazon.awscdk.Stack;");
		add(d, LK_CODE, l, "import software.constructs.Construct;");
		add(d, LK_CODE, l, "%s", "");
		add(d, LK_CODE, l, "public class TapStack extends Stack {");
		add(d, LK_CODE, l, "    public TapStack(final Construct scope, final String id, final TapStackProps props) {");
		add(d, LK_CODE, l, "        super(scope, id, props);");
		break;
	default:
		break;
	}
}

static void code_epilogue(struct doc *d, enum lang l)
{
	switch (l) {
	case L_TS:
	case L_JS:
		add(d, LK_CODE, l, "  }");
		add(d, LK_CODE, l, "}");
		break;
	case L_JSON:
		add(d, LK_CODE, l, "    \"Outputs\": {}");
		add(d, LK_CODE, l, "  }");
		add(d, LK_CODE, l, "}");
		break;
	case L_GO:
		add(d, LK_CODE, l, "\treturn stack");
		add(d, LK_CODE, l, "}");
		break;
	case L_JAVA:
		add(d, LK_CODE, l, "    }");
		add(d, LK_CODE, l, "}");
		break;
	default:
		break;
	}
}

/* Code lines until the document has grown by `budget` bytes. */
static void code_body(struct doc *d, enum lang l, enum family f, size_t budget, bool whole_file)
{
	size_t start = d->bytes;
	if (whole_file)
		code_prologue(d, l, f);
	do
		code_chunk(d, l, f);
	while (d->bytes - start < budget);
	if (whole_file)
		code_epilogue(d, l);
}

/* A replacement for one code line, indented like it. */
static void new_code_line(struct doc *d, enum lang l, unsigned indent)
{
	lb();
	for (unsigned i = 0; i < indent; i++)
		aps(l == L_GO ? "\t" : " ");
	switch (l) {
	case L_PY:
		ap_case(PICK(props), C_SNAKE); aps("="); ap_value(l); aps(",");
		break;
	case L_HCL:
		ap_case(PICK(props), C_SNAKE); aps(" = "); ap_value(l);
		break;
	case L_YAML:
	case L_CICD:
		ap_case(PICK(props), C_PASCAL); aps(": "); ap_value(l);
		break;
	case L_JSON:
		aps("\""); ap_case(PICK(props), C_PASCAL); aps("\": "); ap_value(l); aps(",");
		break;
	case L_GO:
		ap_case(PICK(props), C_PASCAL); aps(": "); ap_value(l); aps(",");
		break;
	case L_JAVA:
		ap(".%s(", PICK(props)); ap_value(l); aps(")");
		break;
	case L_BASH:
		aps(PICK(bash_cmds));
		break;
	case L_MD:
	case L_TEXT:
		ap_sentence();
		break;
	default:
		ap("%s: ", PICK(props)); ap_value(l); aps(",");
	}
	le(d, LK_CODE, l);
}

/* ---- prose ------------------------------------------------------------ */

static void ap_sentence(void)
{
	const struct service *s = &PICK(services);
	switch (below(5)) {
	case 0:
		ap("%sThe %s %s the %s %s ", PICK(openers), PICK(subjects), PICK(verbs), s->name, s->cons);
		aps(PICK(tails));
		break;
	case 1:
		ap("%sEach %s %s is created %s", PICK(openers), PICK(adjs), s->cons, PICK(tails));
		break;
	case 2:
		ap("The %s %s %s %s with %s", PICK(adjs), s->name, s->cons, PICK(verbs), PICK(features));
		aps(chance(0.5) ? " enabled" : " in mind");
		break;
	case 3:
		ap("%sUse `%s` for the %s %s %s", PICK(openers), PICK(props), PICK(adjs), s->cons, PICK(tails));
		break;
	default:
		ap("%s %s is required for the %s %s", PICK(features), chance(0.5) ? "support" : "configuration",
		   PICK(adjs), PICK(subjects));
	}
	aps(".");
}

static void ap_paragraph(unsigned sentences)
{
	for (unsigned i = 0; i < sentences; i++) {
		if (i)
			aps(" ");
		ap_sentence();
	}
}

static void para(struct doc *d, unsigned sentences)
{
	lb();
	ap_paragraph(sentences);
	le(d, LK_PROSE, 0);
	blank(d);
}

static void bullets(struct doc *d, unsigned n, bool emoji)
{
	for (unsigned i = 0; i < n; i++) {
		lb();
		if (emoji)
			ap("- %s **%s**: ", chance(0.8) ? "\xE2\x9C\x85" : "\xE2\x9D\x8C", PICK(features));
		else if (chance(0.5))
			ap("- **%s**: ", PICK(features));
		else
			aps("- ");
		ap_sentence();
		le(d, LK_PROSE, 0);
	}
	blank(d);
}

static void heading(struct doc *d, int level, const char *text)
{
	add(d, LK_HEAD, 0, "%.*s %s", level, "######", text);
	blank(d);
}

static void title_line(void)
{
	const struct service *s = &PICK(services);
	ap("%s %s %s %s with %s", chance(0.5) ? "Secure" : "Multi-Environment", PICK(adjs), s->name,
	   chance(0.5) ? "Infrastructure" : "Platform", PICK(features));
}

/* ---- the task's shape ------------------------------------------------- */

enum tq_kind { TQ_INT, TQ_ABSENT, TQ_FLOAT, TQ_STRING, TQ_DICT, TQ_MISSPELT, TQ_TYPO, TQ_EXTRA_KEY };

enum dest_kind { D_ARCHIVE, D_LOCALSTACK, D_SUBCAT };

/* Rare traits, given to exactly a chosen number of tasks. */
enum {
	T_NO_META = 1 << 0,
	T_MALFORMED = 1 << 1,
	T_STALE_LIB_META = 1 << 2,
	T_HUGE = 1 << 3,
	T_TURNS = 1 << 4,
	T_SPACE_TURN = 1 << 5,
	T_DASH_TURN = 1 << 6,
	T_NESTED_TURN = 1 << 7,
	T_IDEAL2 = 1 << 8,
	T_INVALID_UTF8 = 1 << 9,
	T_NUL = 1 << 10,
	T_ESC = 1 << 11,
	T_ODD_DIR = 1 << 12,
	T_RENAMED = 1 << 13,
	T_DELETED = 1 << 14,
	T_PLACEHOLDERS = 1 << 15,
	T_COPY_SOURCE = 1 << 16,
};

struct tfile {
	char *path;      /* relative to the task folder */
	uint32_t mark;   /* blob at HEAD of the task */
};

struct task {
	int platform;
	enum dest_kind dest;
	char *dir;       /* where the archiving commit put it */
	int pr;
	char po_id[16];
	char branch[48];
	int author;
	unsigned traits;
	enum tq_kind tq;
	int odd;         /* index in odd_dirs or renamed_from */
	int copy_of;     /* a copy of this task (subcategory-references), or -1 */
	bool root;       /* the task in progress at the repository root */
	char title[96];  /* the pull request's title */
	struct tfile *files;
	size_t nfiles, capfiles;
	bool live;       /* at HEAD */
	size_t size_prompt, size_model, size_ideal, size_failures;
	int blocks_model, blocks_ideal;
};

enum pr_kind { PR_TASK, PR_INFRA, PR_ROOT };

struct pr {
	enum pr_kind kind;
	int task;
	int n_work;      /* commits of work on the branch */
	int n_catch;     /* merges of main into the branch */
	int lag;         /* main commits the branch starts behind */
};

enum ev_kind { EV_PR, EV_RENAME, EV_DELETE, EV_COPY, EV_ESC_ADD, EV_ESC_DEL, EV_LOOKALIKE, EV_BOT };

struct event {
	enum ev_kind kind;
	int pr;          /* EV_PR */
};

static struct task *tasks;
static size_t ntasks;
static struct pr *prs;
static size_t nprs;
static struct event *events;
static size_t nevents, capevents;

/* Changes to main, in order, so that a branch can merge main in. */
struct change {
	uint32_t main_idx;
	uint32_t mark;   /* 0: delete */
	char *path;
};

static struct change *changes;
static size_t nchanges, capchanges;

static void change_add(uint32_t idx, const char *path, uint32_t mark)
{
	GROW(changes, nchanges, capchanges);
	changes[nchanges++] = (struct change){ idx, mark, xstrdup(path) };
}

/* ---- the fast-import stream ------------------------------------------- */

static FILE *stream;
static uint32_t marks;
static uint64_t n_blobs, blob_bytes, n_commits, n_merges, n_pr_merges, n_catchups;
static uint32_t *main_marks;  /* main's commits by index */
static uint32_t main_idx;     /* the index of main's tip */
static int64_t t_start = 1751328000; /* 2025-07-01T00:00:00Z */
static int64_t t_span = 179 * 86400; /* to 2025-12-27 */
static size_t main_total;     /* main's commits, for dates */

static uint32_t put_blob(const char *p, size_t n)
{
	uint32_t m = ++marks;
	fprintf(stream, "blob\nmark :%" PRIu32 "\ndata %zu\n", m, n);
	fwrite(p, 1, n, stream);
	fputc('\n', stream);
	n_blobs++;
	blob_bytes += n;
	return m;
}

/* A path as fast-import reads it: C-quoted when it holds anything odd. */
static void put_path(const char *p)
{
	bool plain = *p != '"';
	for (const char *q = p; *q && plain; q++)
		if ((unsigned char)*q < 0x20 || *q == ' ' || *q == '\\' || *q == '"')
			plain = false;
	if (plain) {
		fputs(p, stream);
		return;
	}
	fputc('"', stream);
	for (const unsigned char *q = (const unsigned char *)p; *q; q++) {
		if (*q == '"' || *q == '\\')
			fprintf(stream, "\\%c", *q);
		else if (*q == '\n')
			fputs("\\n", stream);
		else if (*q < 0x20)
			fprintf(stream, "\\%03o", *q);
		else
			fputc(*q, stream);
	}
	fputc('"', stream);
}

struct person {
	const char *name, *email;
	int tz;  /* minutes east of UTC */
};

static const struct person bot = { "GitHub Actions Bot", "actions@github.com", 0 };
static const struct person github = { "GitHub", "noreply@github.com", 0 };
static struct person people[48];
static size_t npeople;

/* A new string from a format. */
static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
	struct sbuf b = { 0 };
	va_list a;
	va_start(a, f);
	sb_vprintf(&b, f, a);
	va_end(a);
	return b.p;
}

static void init_people(void)
{
	for (size_t i = 0; i < N_OF(people); i++) {
		char *name = i < N_OF(authors_main) ? xstrdup(authors_main[i]) : fmt("trainer%02zu-turing", i);
		people[i] = (struct person){ name, fmt("%s@users.noreply.github.com", name), i % 3 == 2 ? 0 : 330 };
	}
	/* One real author name is wrapped in curly quotes (corpus-facts §3). */
	people[N_OF(people) - 1].name = fmt("\xE2\x80\x9C%s\xE2\x80\x9D", authors_main[0]);
	npeople = N_OF(people);
}

static int pick_author(void)
{
	static const struct wpick w[] = {
		{ 0, 252 }, { 1, 144 }, { 2, 45 }, { 3, 23 }, { 4, 20 }, { 5, 20 }, { 6, 18 },
		{ 7, 15 }, { 8, 15 }, { 9, 12 }, { -1, 436 },
	};
	int a = pick_weighted(w, N_OF(w));
	return a >= 0 ? a : (int)(N_OF(authors_main) + below((uint32_t)(npeople - N_OF(authors_main))));
}

static void put_ident(const char *role, const struct person *p, int64_t when)
{
	int tz = p->tz;
	fprintf(stream, "%s %s <%s> %" PRId64 " %c%02d%02d\n", role, p->name, p->email, when,
		tz < 0 ? '-' : '+', abs(tz) / 60, abs(tz) % 60);
}

static uint32_t commit_begin(const char *ref, const struct person *author,
			     const struct person *committer, int64_t when, const char *msg,
			     uint32_t from, uint32_t merge)
{
	uint32_t m = ++marks;
	fprintf(stream, "commit %s\nmark :%" PRIu32 "\n", ref, m);
	put_ident("author", author, when);
	put_ident("committer", committer, when);
	fprintf(stream, "data %zu\n%s\n", strlen(msg), msg);
	if (from)
		fprintf(stream, "from :%" PRIu32 "\n", from);
	if (merge) {
		fprintf(stream, "merge :%" PRIu32 "\n", merge);
		n_merges++;
	}
	n_commits++;
	return m;
}

static void fc_modify(const char *path, uint32_t mark)
{
	fprintf(stream, "M 100644 :%" PRIu32 " ", mark);
	put_path(path);
	fputc('\n', stream);
}

static void fc_delete(const char *path)
{
	fputs("D ", stream);
	put_path(path);
	fputc('\n', stream);
}

static void fc_rename(const char *from, const char *to, char op)
{
	fprintf(stream, "%c \"", op);
	for (const char *p = from; *p; p++)
		fputc(*p, stream);  /* our sources hold no quotes or controls */
	fputs("\" ", stream);
	put_path(to);
	fputc('\n', stream);
}

static void commit_end(void)
{
	fputc('\n', stream);
}

static int64_t main_date(size_t idx)
{
	return t_start + (int64_t)((double)idx * (double)t_span / (double)(main_total ? main_total : 1));
}

/* A main commit that the changes below will fill; returns its index. */
static uint32_t main_commit(const struct person *a, const struct person *c, const char *msg, uint32_t merge)
{
	main_idx++;
	main_marks[main_idx] = commit_begin("refs/heads/main", a, c, main_date(main_idx), msg, 0, merge);
	return main_idx;
}

/* ---- rendering -------------------------------------------------------- */

enum {
	H_CRLF = 1, H_BOM = 2, H_NOEOL = 4, H_INVALID = 8, H_NUL = 16, H_ESC = 32,
};

static struct sbuf rendered;

/* Insert `s` at the start of a line near the middle of the rendering. */
static void insert_mid(const char *s, size_t n)
{
	size_t at = rendered.len / 2;
	while (at < rendered.len && rendered.p[at] != '\n')
		at++;
	if (at < rendered.len)
		at++;
	sb_insert(&rendered, at, s, n);
}

/* The bytes of a document, into `rendered`. */
static void render_doc(const struct doc *d, unsigned hazards)
{
	rendered.len = 0;
	if (hazards & H_BOM)
		sb_put(&rendered, "\xEF\xBB\xBF", 3);
	size_t n = d->n;
	while (n > 1 && d->v[n - 1].kind == LK_BLANK)
		n--;
	for (size_t i = 0; i < n; i++) {
		sb_put(&rendered, arena.p + d->v[i].off, d->v[i].len);
		if (i + 1 < n || !(hazards & H_NOEOL))
			sb_puts(&rendered, hazards & H_CRLF ? "\r\n" : "\n");
	}
	if (hazards & H_INVALID)
		insert_mid(S_AND_LEN("The model didn\x92t set the key policy.\n"));
	if (hazards & H_NUL) {
		static const char nul[100];
		insert_mid(nul, sizeof(nul));
	}
	if (hazards & H_ESC)
		insert_mid(S_AND_LEN("\x1b[1;33mWARNING\x1b[0m deployment output pasted here\n"));
}

static uint32_t put_doc(const struct doc *d, unsigned hazards)
{
	render_doc(d, hazards);
	return put_blob(rendered.p, rendered.len);
}

static uint32_t put_text(const char *s)
{
	return put_blob(s, strlen(s));
}

static unsigned doc_hazards(double no_eol)
{
	unsigned h = 0;
	if (chance(0.039))
		h |= H_CRLF;
	if (chance(0.003))
		h |= H_BOM;
	if (chance(no_eol))
		h |= H_NOEOL;
	return h;
}

static int count_blocks(const struct doc *d)
{
	int n = 0;
	for (size_t i = 0; i < d->n; i++)
		n += d->v[i].kind == LK_OPEN;
	return n;
}

/* ---- documents of a task ---------------------------------------------- */

struct tctx {
	const struct task *t;
	enum lang code;
	enum family family;
};

static const char *info_string(enum lang l)
{
	switch (l) {
	case L_TS: return chance(0.93) ? "typescript" : "ts";
	case L_PY: return chance(0.88) ? "python" : "py";
	case L_HCL: return chance(0.9) ? "hcl" : chance(0.5) ? "terraform" : "tf";
	case L_YAML: case L_CICD: return chance(0.9) ? "yaml" : "yml";
	case L_JSON: return "json";
	case L_GO: return "go";
	case L_JAVA: return "java";
	case L_JS: return "javascript";
	case L_BASH: return chance(0.95) ? "bash" : "sh";
	case L_MD: return "markdown";
	case L_TEXT: return chance(0.6) ? "" : "text";
	default: return "";
	}
}

static const char *file_for(enum lang l, enum family f)
{
	static const char *const ts[] = { "lib/tap-stack.ts", "bin/tap.ts", "lib/constructs/network-construct.ts",
		"lib/constructs/storage-construct.ts", "test/tap-stack.unit.test.ts", "lib/lambda/handler.ts" };
	static const char *const py[] = { "lib/tap_stack.py", "tap.py", "lib/lambda/index.py",
		"tests/unit/test_tap_stack.py", "lib/constructs/monitoring.py" };
	static const char *const hcl[] = { "lib/main.tf", "lib/variables.tf", "lib/outputs.tf", "lib/provider.tf",
		"lib/modules/networking/main.tf", "lib/locals.tf" };
	static const char *const other[] = { "lib/TapStack.yml", "lib/TapStack.json", "main.go", "lib/tap_stack.go",
		"lib/src/main/java/app/TapStack.java", ".github/workflows/ci-cd.yml" };
	(void)f;
	switch (l) {
	case L_TS: case L_JS: return PICK(ts);
	case L_PY: return PICK(py);
	case L_HCL: return PICK(hcl);
	case L_YAML: return other[0];
	case L_JSON: return other[1];
	case L_GO: return chance(0.5) ? other[2] : other[3];
	case L_JAVA: return other[4];
	case L_CICD: return other[5];
	default: return "lib/README.md";
	}
}

/* A fenced block with the label conventions of corpus-facts §2. */
static void code_block(struct doc *d, const struct tctx *c, enum lang l, size_t budget, bool first_of_lang)
{
	bool file_lang = l != L_BASH && l != L_TEXT && l != L_MD;
	int label;
	if (file_lang) {
		static const struct wpick w[] = { { 0, 662 }, { 1, 55 }, { 2, 37 }, { 3, 34 }, { 4, 210 }, { 5, 2 } };
		label = pick_weighted(w, N_OF(w));
	} else {
		label = chance(0.927) ? 4 : 0;
	}
	const char *path = file_for(l, c->family);
	switch (label) {
	case 0: {  /* heading */
		static const char *const shapes[] = { "## File: %s", "## File: %s", "## File: %s", "## %s",
			"### %s", "### `%s`", "### File: %s", "### 1. %s" };
		if (file_lang) {
			add(d, LK_HEAD, 0, PICK(shapes), path);
		} else {
			add(d, LK_HEAD, 0, "## %s", PICK(sections_generic));
		}
		blank(d);
		if (chance(0.4))
			para(d, 1 + below(2));
		break;
	}
	case 2:  /* bold */
		add(d, LK_HEAD, 0, "## %s", PICK(sections_generic));
		blank(d);
		add(d, LK_PROSE, 0, chance(0.5) ? "**`%s`**" : "**File: `%s`**", path);
		blank(d);
		break;
	case 3:  /* prose naming the file */
		add(d, LK_HEAD, 0, "### %s", PICK(sections_generic));
		blank(d);
		add(d, LK_PROSE, 0, "Create a separate file `%s` to hold the %s configuration:", path, PICK(adjs));
		blank(d);
		break;
	default:  /* comment (1), none (4), info string (5) */
		add(d, LK_HEAD, 0, "## %s", PICK(sections_generic));
		blank(d);
		if (chance(0.5))
			para(d, 1 + below(3));
	}
	if (label == 5)
		add(d, LK_OPEN, l, "```%s %s", info_string(l), path);
	else
		add(d, LK_OPEN, l, "```%s", info_string(l));
	if (label == 1)
		add(d, LK_CODE, l, "%s %s", l == L_PY || l == L_HCL || l == L_YAML ? "#" : "//", path);
	if (l == L_BASH) {
		for (unsigned i = 0, n = 1 + below(8); i < n; i++)
			code_chunk(d, l, c->family);
	} else {
		code_body(d, l, c->family, budget, first_of_lang && chance(0.7));
	}
	add(d, LK_CLOSE, l, "```");
	blank(d);
}

/* How many fenced blocks a response has (corpus-facts §2). */
static int draw_blocks(bool ideal)
{
	static const struct wpick model[] = { { 0, 85 }, { 1, 219 }, { 2, 309 }, { 6, 170 }, { 11, 152 }, { 21, 65 }, { 51, 1 } };
	static const struct wpick idl[] = { { 0, 56 }, { 1, 326 }, { 2, 340 }, { 6, 155 }, { 11, 99 }, { 21, 22 }, { 51, 2 } };
	int lo = pick_weighted(ideal ? idl : model, N_OF(model));
	switch (lo) {
	case 2: return 2 + (int)below(4);
	case 6: return 6 + (int)below(5);
	case 11: return 11 + (int)below(10);
	case 21: return 21 + (int)below(30);
	case 51: return 51 + (int)below(8);
	default: return lo;
	}
}

/* A MODEL_RESPONSE.md (or a rewritten IDEAL_RESPONSE.md) of about `target` bytes. */
static void gen_response(struct doc *d, const struct tctx *c, size_t target, bool ideal)
{
	doc_clear(d);
	lb(); aps("# "); title_line(); le(d, LK_HEAD, 0);
	blank(d);
	para(d, 1 + below(3));
	if (!ideal && chance(0.232)) {
		heading(d, 3, "Reasoning Trace");
		size_t goal = d->bytes + target / 5;
		while (d->bytes < goal)
			para(d, 2 + below(4));
		heading(d, 3, "Answer");
	}
	int nblocks = draw_blocks(ideal);
	bool emoji = chance(0.10);
	if (chance(0.5)) {
		heading(d, 2, "Architecture Overview");
		bullets(d, 3 + below(6), emoji);
	}
	if (nblocks > 0) {
		size_t left = target > d->bytes ? target - d->bytes : 0;
		size_t code_bytes = (size_t)((double)left * (0.55 + 0.3 * unit()));
		double w[64], sum = 0;
		enum lang kind[64];
		int nb = nblocks < 64 ? nblocks : 64;
		for (int i = 0; i < nb; i++) {
			double r = unit();
			kind[i] = r < 0.28 ? L_BASH : r < 0.31 ? L_JSON : r < 0.33 ? L_TEXT :
				  r < (ideal ? 0.335 : 0.36) ? L_MD : c->code;
			if (kind[i] == L_JSON && c->code == L_YAML)
				kind[i] = L_YAML;
			w[i] = kind[i] == L_BASH ? 0 : lognormal(1.0, 0.9);
			sum += w[i];
		}
		bool first = true;
		for (int i = 0; i < nb; i++) {
			size_t budget = sum > 0 ? (size_t)((double)code_bytes * w[i] / sum) : 0;
			if (kind[i] == L_MD && budget > 1500)
				budget = 1500;  /* a README, not the main code */
			code_block(d, c, kind[i], budget, first && kind[i] == c->code);
			if (kind[i] == c->code)
				first = false;
			if (chance(0.3))
				para(d, 1 + below(3));
		}
		for (int i = nb; i < nblocks; i++)
			code_block(d, c, L_BASH, 0, false);
	}
	while (d->bytes < target) {
		lb(); ap("## %s", PICK(sections_generic)); le(d, LK_HEAD, 0);
		blank(d);
		if (chance(0.5))
			bullets(d, 2 + below(8), emoji);
		else
			para(d, 2 + below(4));
	}
	if (chance(0.01)) {  /* a paragraph longer than 1,000 bytes */
		lb();
		ap_paragraph(12 + below(30));
		le(d, LK_PROSE, 0);
	}
}

/* A new section to insert in an edited answer. */
static void new_section(struct doc *d, const struct tctx *c, size_t budget)
{
	if (chance(0.5)) {
		code_block(d, c, c->code, budget, false);
	} else {
		lb(); ap("## %s", PICK(sections_generic)); le(d, LK_HEAD, 0);
		blank(d);
		para(d, 1 + below(4));
	}
}

/* A section: the lines from one heading to the next. */
struct section {
	size_t start, end;
	bool block, bash;
};

static size_t sections_of(const struct doc *d, struct section **out)
{
	size_t n = 0, cap = 0;
	struct section *v = NULL;
	for (size_t i = 0; i < d->n; i++) {
		if (i == 0 || d->v[i].kind == LK_HEAD) {
			GROW(v, n, cap);
			v[n++] = (struct section){ i, i, false, false };
		}
		struct section *s = &v[n - 1];
		s->end = i + 1;
		if (d->v[i].kind == LK_OPEN) {
			s->block = true;
			s->bash |= d->v[i].lang == L_BASH;
		}
	}
	*out = v;
	return n;
}

/* dst = src edited: the sections marked in `drop` left out, lines kept
 * with probability `keep`, else replaced, deleted or followed by a new
 * line; a new section after a kept one with probability p_new. */
static void doc_derive(struct doc *dst, const struct doc *src, const struct tctx *c,
		       double keep, const bool *drop, double p_new)
{
	struct section *secs;
	size_t nsec = sections_of(src, &secs);
	doc_clear(dst);
	for (size_t k = 0; k < nsec; k++) {
		if (drop && drop[k])
			continue;
		for (size_t i = secs[k].start; i < secs[k].end; i++) {
			struct dline l = src->v[i];
			if (l.kind != LK_CODE && l.kind != LK_PROSE) {
				doc_push(dst, l);
				continue;
			}
			double r = unit();
			if (r < keep) {
				doc_push(dst, l);
			} else if (r < keep + (1 - keep) * 0.5) {
				if (l.kind == LK_CODE) {
					new_code_line(dst, (enum lang)l.lang, l.indent);
				} else {
					lb();
					if (arena.p[l.off] == '-')
						aps("- ");
					ap_paragraph(1 + below(3));
					le(dst, LK_PROSE, 0);
				}
			} else if (r < keep + (1 - keep) * 0.8) {
				/* deleted */
			} else {
				doc_push(dst, l);
				if (l.kind == LK_CODE)
					new_code_line(dst, (enum lang)l.lang, l.indent);
			}
		}
		if (k > 0 && chance(p_new))
			new_section(dst, c, (size_t)lognormal(1500, 0.8));
	}
	free(secs);
}

/* Grow or shrink the largest code block so that the document is about
 * `target` bytes: an edited answer keeps its size by its main code. */
static void fit_size(struct doc *d, const struct tctx *c, size_t target)
{
	size_t best_open = 0, best_close = 0, best = 0;
	for (size_t i = 0, open = 0, bytes = 0; i < d->n; i++) {
		if (d->v[i].kind == LK_OPEN) {
			open = i;
			bytes = 0;
		} else if (d->v[i].kind == LK_CLOSE && bytes >= best && d->v[i].lang != L_BASH &&
			   d->v[i].lang != L_MD && d->v[i].lang != L_TEXT) {
			best = bytes;
			best_open = open;
			best_close = i;
		} else {
			bytes += d->v[i].len + 1;
		}
	}
	if (best_close == 0) {  /* no code: more prose */
		while (d->bytes < target) {
			lb(); ap("## %s", PICK(sections_generic)); le(d, LK_HEAD, 0);
			blank(d);
			para(d, 2 + below(4));
		}
		return;
	}
	enum lang l = (enum lang)d->v[best_close].lang;
	if (d->bytes < target) {
		struct doc more = { 0 };
		code_body(&more, l, c->family, target - d->bytes, false);
		while (d->cap < d->n + more.n) {
			d->cap = d->cap ? d->cap : 16;
			d->cap *= 2;
			d->v = xrealloc(d->v, d->cap * sizeof(*d->v));
		}
		memmove(d->v + best_close + more.n, d->v + best_close, (d->n - best_close) * sizeof(*d->v));
		memcpy(d->v + best_close, more.v, more.n * sizeof(*d->v));
		d->n += more.n;
		d->bytes += more.bytes;
		free(more.v);
	} else if (d->bytes > target) {
		size_t cut = 0, lines = 0, excess = d->bytes - target;
		while (best_close - lines > best_open + 4 && cut < excess) {
			lines++;
			cut += d->v[best_close - lines].len + 1;
		}
		memmove(d->v + best_close - lines, d->v + best_close, (d->n - best_close) * sizeof(*d->v));
		d->n -= lines;
		d->bytes -= cut;
	}
}

/* IDEAL_RESPONSE.md from MODEL_RESPONSE.md: as many blocks as real ideal
 * answers have (fewer: bash blocks go first), its own size, lines edited. */
static void derive_ideal(struct doc *dst, const struct doc *model, const struct tctx *c, size_t target)
{
	struct section *secs;
	size_t nsec = sections_of(model, &secs);
	bool *drop = calloc(nsec ? nsec : 1, sizeof(bool));
	if (!drop)
		die("out of memory");
	int have = count_blocks(model), want = draw_blocks(true);
	for (int pass = 0; pass < 3 && have > want; pass++)
		for (size_t k = 1; k < nsec && have > want; k++)
			if (secs[k].block && !drop[k] && (pass == 2 || (secs[k].bash && pass == 0) || chance(0.5))) {
				drop[k] = true;
				have--;
			}
	for (size_t k = 1; k < nsec; k++)
		if (!secs[k].block && chance(0.12))
			drop[k] = true;
	doc_derive(dst, model, c, 0.55 + 0.43 * unit(), drop, 0.03);
	for (; have < want; have++)
		code_block(dst, c, c->code, (size_t)lognormal(1500, 0.8), false);
	fit_size(dst, c, target);
	free(drop);
	free(secs);
}

/* Code files: edit a few lines between versions. */
static void code_edit(struct doc *dst, const struct doc *src, enum lang l)
{
	doc_clear(dst);
	double keep = 0.9 + 0.09 * unit();
	for (size_t i = 0; i < src->n; i++) {
		struct dline x = src->v[i];
		double r = unit();
		if (r < keep || x.len == 0) {
			doc_push(dst, x);
		} else if (r < keep + (1 - keep) / 2) {
			new_code_line(dst, l, x.indent);
		} else {
			doc_push(dst, x);
			new_code_line(dst, l, x.indent);
		}
	}
}

static void gen_prompt(struct doc *d, size_t target)
{
	doc_clear(d);
	if (chance(0.7)) {
		lb(); aps("# "); title_line(); le(d, LK_HEAD, 0);
		blank(d);
	}
	para(d, 2 + below(4));
	heading(d, 2, "Requirements");
	bullets(d, 4 + below(10), false);
	while (d->bytes < target) {
		if (chance(0.3)) {
			heading(d, 2, chance(0.5) ? "Constraints" : PICK(sections_generic));
			bullets(d, 2 + below(6), false);
		} else {
			para(d, 1 + below(4));
		}
	}
}

/* MODEL_FAILURES.md: items in the shapes of corpus-facts §4. */
static void gen_failures(struct doc *d, const struct tctx *c, size_t target)
{
	doc_clear(d);
	static const struct wpick shapes[] = { { 0, 523 }, { 1, 82 }, { 2, 78 }, { 3, 37 }, { 4, 65 },
		{ 5, 35 }, { 6, 68 }, { 7, 16 } };
	int shape = pick_weighted(shapes, N_OF(shapes));
	static const struct wpick sevs[] = { { 0, 20 }, { 1, 20 }, { 2, 5 }, { 3, 8 }, { 4, 4 }, { 5, 40 } };
	int sev = pick_weighted(sevs, N_OF(sevs)); /* 0 section+impact 1 section 2 impact 3 severity 4 heading word 5 none */
	static const char *const levels[] = { "Critical", "High", "Medium", "Low" };
	if (shape != 6) {
		add(d, LK_HEAD, 0, chance(0.6) ? "# Model Response Failures Analysis" : "# Model Failures");
		blank(d);
		heading(d, 2, chance(0.6) ? "Summary" : "Overview");
	}
	para(d, 1 + below(3));
	unsigned nitems = (unsigned)clampz(lognormal(8, 0.5), 1, 75);
	size_t per_item = target > d->bytes ? (target - d->bytes) / nitems : 200;
	int level = -1;
	for (unsigned i = 0; i < nitems; i++) {
		int lv = (int)(i * 4 / nitems);
		if ((sev == 0 || sev == 1) && lv != level && shape != 6) {
			level = lv;
			add(d, LK_HEAD, 0, "## %s Failures", levels[lv]);
			blank(d);
		}
		size_t goal = d->bytes + per_item;
		const struct service *s = &PICK(services);
		const char *pb = PICK(problems);
		const char *word = sev == 4 ? levels[lv] : NULL;
		switch (shape) {
		case 0: add(d, LK_HEAD, 0, "### %u. %s%s%s the %s %s", i + 1, word ? "[" : "", word ? word : "", word ? "] " : "", s->name, s->cons); break;
		case 1: add(d, LK_HEAD, 0, "### %u. **%s the %s %s**", i + 1, pb, s->name, s->cons); break;
		case 2: add(d, LK_HEAD, 0, "## %u. %s the %s %s", i + 1, pb, s->name, s->cons); break;
		case 3: add(d, LK_HEAD, 0, "## Issue %u: %s the %s %s", i + 1, pb, s->name, s->cons); break;
		case 4: add(d, LK_HEAD, 0, "### %s %s", s->name, PICK(features)); break;
		case 5: add(d, LK_PROSE, 0, "%u. %s the %s %s", i + 1, pb, s->name, s->cons); break;
		case 6: add(d, LK_PROSE, 0, "- %s the %s %s", pb, s->name, s->cons); break;
		default: add(d, LK_HEAD, 0, "#### %u. %s the %s %s", i + 1, pb, s->name, s->cons);
		}
		blank(d);
		if (sev == 0 || sev == 2)
			add(d, LK_PROSE, 0, "**Impact Level**: %s", levels[lv]);
		else if (sev == 3)
			add(d, LK_PROSE, 0, "**Severity**: %s", chance(0.5) ? "HIGH" : levels[lv]);
		if (sev == 0 || sev == 2 || sev == 3)
			blank(d);
		while (d->bytes < goal) {
			if (chance(0.35)) {
				add(d, LK_PROSE, 0, chance(0.5) ? "**MODEL_RESPONSE Issue**:" : "**IDEAL_RESPONSE Fix**:");
				blank(d);
				add(d, LK_OPEN, c->code, "```%s", info_string(c->code));
				for (unsigned k = 0, n = 1 + below(3); k < n; k++)
					code_chunk(d, c->code, c->family);
				add(d, LK_CLOSE, c->code, "```");
				blank(d);
			} else if (chance(0.3)) {
				add(d, LK_PROSE, 0, "**%s**: ", chance(0.5) ? "Root Cause" : "Training Value");
				d->v[d->n - 1].len--;  /* drop the trailing space */
				para(d, 1 + below(3));
			} else {
				para(d, 1 + below(4));
			}
		}
	}
	if (shape != 6 && chance(0.5)) {
		heading(d, 2, "Summary");
		bullets(d, 3 + below(4), chance(0.14));
	}
}

static const char *pick_complexity(void)
{
	static const char *const rare[] = { "moderate", "moderate", "high", "intermediate", "Hard", "complex" };
	double r = unit();
	return r < 0.521 ? "hard" : r < 0.847 ? "expert" : r < 0.997 ? "medium" : PICK(rare);
}

/* metadata.json, version v (1: before review, no score yet). */
static void gen_meta(struct sbuf *b, const struct task *t, int v, int last_v, uint32_t salt)
{
	const struct platform *p = &platforms[t->platform];
	uint64_t saved = rng_state;
	rng_state = (uint64_t)t->pr * 7919u + salt;  /* stable fields across versions */
	const char *plat = p->plat, *lang = p->lang;
	if (chance(0.004))
		plat = strcmp(plat, "cfn") == 0 ? "cloudformation" : strcmp(plat, "tf") == 0 ? "terraform" : plat;
	if (chance(0.008))
		lang = strcmp(lang, "ts") == 0 ? "typescript" : strcmp(lang, "py") == 0 ? "python" : lang;
	const char *cx = pick_complexity();
	const char *sub = PICK(subtasks);
	b->len = 0;
	sb_printf(b, "{\n  \"platform\": \"%s\",\n  \"language\": \"%s\",\n  \"complexity\": \"%s\",\n", plat, lang, cx);
	sb_printf(b, "  \"turn_type\": \"%s\",\n", t->traits & T_TURNS ? "multi" : chance(0.01) ? "Single" : "single");
	if (chance(0.001))
		sb_printf(b, "  \"po_id\": %u,\n", 340000 + below(20000));
	else
		sb_printf(b, "  \"po_id\": \"%s\",\n", t->po_id);
	static const char *const teams[] = { "synth", "synth", "synth", "synth-2", "3", "5", "4", "2", "6", "1", "stf" };
	sb_printf(b, "  \"team\": \"%s\",\n", PICK(teams));
	int64_t started = t_start + (int64_t)below((uint32_t)t_span);
	sb_printf(b, "  \"startedAt\": \"2025-%02d-%02dT%02d:%02d:%02d%s\",\n", 7 + (int)(started - t_start) / (31 * 86400),
		  1 + (int)below(28), (int)below(24), (int)below(60), (int)below(60),
		  chance(0.6) ? ".000Z" : chance(0.8) ? "+05:30" : "Z");
	if (chance(0.916))
		sb_printf(b, "  \"subtask\": \"%s\",\n", sub);
	bool malformed = (t->traits & T_MALFORMED) && v == last_v;
	const char *label1 = PICK(labels), *label2 = chance(0.4) ? PICK(labels) : NULL;
	if (chance(0.915) && !malformed) {
		sb_printf(b, "  \"subject_labels\": [\n    \"%s\"", label1);
		if (label2)
			sb_printf(b, ",\n    \"%s\"", label2);
		sb_puts(b, "\n  ],\n");
	}
	sb_puts(b, "  \"aws_services\": [");
	for (unsigned i = 0, n = 1 + below(8); i < n; i++)
		sb_printf(b, "%s\n    \"%s\"", i ? "," : "", services[below((uint32_t)N_OF(services))].name);
	sb_puts(b, "\n  ],\n");
	if (chance(0.13))
		sb_printf(b, "  \"region\": \"%s\",\n", PICK(regions));
	if (chance(0.08)) {
		struct sbuf *bb = b;
		sb_puts(bb, "  \"background\": \"");
		lb();
		ap_paragraph(3 + below(10));
		sb_put(bb, arena.p + line_start, arena.len - line_start);
		arena.len = line_start;
		sb_puts(bb, "\",\n");
	}
	if (chance(0.2))
		sb_puts(b, "  \"provider\": \"localstack\",\n");
	rng_state ^= (uint64_t)v * 0x51ED27u;  /* what changes between versions */
	if (v > 1 || v == last_v) {
		static const struct wpick ints[] = { { 9, 1015 }, { 8, 870 }, { 10, 817 }, { 7, 88 }, { 6, 25 },
			{ 3, 9 }, { 2, 6 }, { 5, 6 }, { 0, 2 }, { 1, 2 }, { 4, 2 } };
		static const char *const floats[] = { "8.5", "8.5", "8.5", "9.5", "9.5", "9.8", "6.5", "7.5", "9.6", "0.95", "9.0" };
		static const char *const strs[] = { "\"9\"", "\"9\"", "\"9\"", "\"high\"", "\"high\"", "\"8\"", "\"poor\"",
			"\"excellent\"", "\"10\"", "\"7\"", "\"medium\"" };
		switch (t->tq) {
		case TQ_INT: sb_printf(b, "  \"training_quality\": %d,\n", pick_weighted(ints, N_OF(ints))); break;
		case TQ_FLOAT: sb_printf(b, "  \"training_quality\": %s,\n", PICK(floats)); break;
		case TQ_STRING: sb_printf(b, "  \"training_quality\": %s,\n", PICK(strs)); break;
		case TQ_DICT:
			sb_puts(b, "  \"training_quality\": {\n    \"overall_rating\": 8,\n    \"notes\": \"solid, minor gaps\"\n  },\n");
			break;
		case TQ_MISSPELT: sb_puts(b, "  \"training_qulity\": 9,\n"); break;
		case TQ_TYPO: sb_puts(b, "  \"traing_quality\": 8,\n"); break;
		case TQ_EXTRA_KEY: sb_puts(b, "  \"training_quality\": 10,\n  \"training_quality_score\": 7.0,\n"); break;
		case TQ_ABSENT: break;
		}
	}
	rng_state = (uint64_t)t->pr * 7919u + salt + 1;
	sb_printf(b, "  \"coverage\": {\n    \"lines\": %u,\n    \"branches\": %u\n  },\n", 80 + below(21), 70 + below(31));
	sb_printf(b, "  \"author\": \"%s\",\n  \"dockerS3Location\": \"\"", people[t->author].name);
	if (malformed)  /* the trailing comma of the two real broken files */
		sb_printf(b, ",\n  \"subject_labels\": [\n    \"%s\"\n  ],\n}", label1);
	else
		sb_puts(b, "\n}");
	if (!chance(0.007))
		sb_puts(b, "\n");
	rng_state = saved;
}

/* ---- one task's pull request ------------------------------------------ */

enum { MAXSLOT = 28 };

struct slot {
	char path[80];
	int *when;       /* the work commit of each version */
	uint32_t *mark;  /* its blob */
	int nver, cap;
};

static void slot_version(struct slot *s, int commit)
{
	if (s->nver && s->when[s->nver - 1] >= commit)
		return;
	if (s->nver == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4;
		s->when = xrealloc(s->when, (size_t)s->cap * sizeof(int));
		s->mark = xrealloc(s->mark, (size_t)s->cap * sizeof(uint32_t));
	}
	s->when[s->nver] = commit;
	s->mark[s->nver++] = 0;
}

/* A commit after `after` (inclusive) and before n; -1 when none. */
static int later(int after, int n)
{
	if (after >= n)
		return -1;
	return after + (int)below((uint32_t)(n - after));
}

static const char *work_message(struct sbuf *m, const struct task *t, const bool *touched, int idx, int n)
{
	static const char *const code_msgs[] = {
		"fix(tests): increase unit test coverage", "fix: lint errors", "fix(deploy): stack outputs for integration tests",
		"refactor: extract constructs", "test: add integration tests", "fix: address review comments",
		"chore: update snapshots", "fix: environment suffix in resource names", "wip", "fix build",
		"fix(tests): mock AWS clients", "chore: format", "fix: cfn-lint warnings",
	};
	m->len = 0;
	if (idx == 0)
		sb_printf(m, "feat(%s): %s initial task setup", platforms[t->platform].plat, t->po_id);
	else if (touched[3])
		sb_puts(m, chance(0.5) ? "docs: update MODEL_FAILURES.md" : "Update MODEL_FAILURES.md");
	else if (touched[2])
		sb_puts(m, chance(0.5) ? "docs: ideal response" : "Update IDEAL_RESPONSE.md");
	else if (touched[1])
		sb_puts(m, "feat: add model response");
	else if (touched[4])
		sb_printf(m, "chore: update metadata.json%s", idx == n - 1 ? " with training quality" : "");
	else
		sb_puts(m, PICK(code_msgs));
	if (chance(0.2))
		sb_printf(m, "\n\nIAC-%s iteration %d", t->branch + 4, idx + 1);
	return m->p;
}

static void task_add_file(struct task *t, const char *path, uint32_t mark)
{
	GROW(t->files, t->nfiles, t->capfiles);
	t->files[t->nfiles++] = (struct tfile){ xstrdup(path), mark };
}

static size_t first_change_after(uint32_t base)
{
	size_t lo = 0, hi = nchanges;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (changes[mid].main_idx <= base)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void replay(uint32_t base, uint32_t to)
{
	for (size_t i = first_change_after(base); i < nchanges && changes[i].main_idx <= to; i++) {
		if (changes[i].mark)
			fc_modify(changes[i].path, changes[i].mark);
		else
			fc_delete(changes[i].path);
	}
}

static struct doc d_prompt, d_model, d_ideal, d_tmp, d_fail, d_code[6], d_turn;
static struct sbuf meta_buf, msg_buf, path_buf;

static int special_hits;  /* hazards given so far (one each) */

static void emit_task_pr(struct pr *p, bool at_root)
{
	struct task *t = &tasks[p->task];
	const struct platform *pl = &platforms[t->platform];
	struct tctx c = { t, pl->code, pl->family };
	int n = p->n_work;
	arena.len = 0;

	/* Which file changes in which work commit. */
	struct slot slots[MAXSLOT];
	int ns = 0;
	memset(slots, 0, sizeof(slots));
	enum { S_PROMPT, S_MODEL, S_IDEAL, S_FAIL, S_META };
	static const char *const doc_paths[] = { "lib/PROMPT.md", "lib/MODEL_RESPONSE.md", "lib/IDEAL_RESPONSE.md",
		"lib/MODEL_FAILURES.md", "metadata.json" };
	for (int i = 0; i < 5; i++)
		snprintf(slots[ns++].path, sizeof(slots[0].path), "%s", doc_paths[i]);
	slot_version(&slots[S_PROMPT], 0);
	int c_model = later(0, n);
	slot_version(&slots[S_MODEL], c_model);
	int c_ideal = later(c_model, n);
	slot_version(&slots[S_IDEAL], c_ideal);
	static const struct wpick more_ideal[] = { { 0, 55 }, { 1, 30 }, { 2, 15 } };
	for (int k = pick_weighted(more_ideal, N_OF(more_ideal)), prev = c_ideal; k > 0; k--) {
		int cc = later(prev + 1, n);
		if (cc < 0)
			break;
		slot_version(&slots[S_IDEAL], cc);
		prev = cc;
	}
	int c_fail = later(c_ideal, n);
	slot_version(&slots[S_FAIL], c_fail);
	static const struct wpick more_fail[] = { { 0, 70 }, { 1, 22 }, { 2, 8 } };
	for (int k = pick_weighted(more_fail, N_OF(more_fail)), prev = c_fail; k > 0; k--) {
		int cc = later(prev + 1, n);
		if (cc < 0)
			break;
		slot_version(&slots[S_FAIL], cc);
		prev = cc;
	}
	bool has_meta = !(t->traits & T_NO_META);
	if (has_meta) {
		slot_version(&slots[S_META], 0);
		int cm = later(c_fail, n);
		if (chance(0.85) && cm > 0)
			slot_version(&slots[S_META], cm);
		if (chance(0.2) && (cm = later(cm + 1, n)) > 0)
			slot_version(&slots[S_META], cm);
	}
	int s_stale = -1, s_turn0 = ns;
	if (t->traits & T_STALE_LIB_META) {
		s_stale = ns;
		snprintf(slots[ns++].path, sizeof(slots[0].path), "lib/metadata.json");
		slot_version(&slots[s_stale], 0);
	}
	if (t->traits & T_TURNS) {
		static const char *const turn_names[] = { "lib/PROMPT%s2.md", "lib/MODEL_RESPONSE%s2.md",
			"lib/PROMPT%s3.md", "lib/MODEL_RESPONSE%s3.md" };
		const char *sep = t->traits & T_SPACE_TURN ? " " : t->traits & T_DASH_TURN ? "-" : "";
		int nturn = chance(0.75) ? 4 : 2;
		int ct = later(c_ideal, n);
		for (int i = 0; i < nturn; i++) {
			if (i == 3 && (t->traits & T_NESTED_TURN))
				snprintf(slots[ns].path, sizeof(slots[0].path), "lib/stacks/MODEL_RESPONSE3.md");
			else
				snprintf(slots[ns].path, sizeof(slots[0].path), turn_names[i], sep);
			slot_version(&slots[ns++], ct);
		}
		if (t->traits & T_IDEAL2) {
			snprintf(slots[ns].path, sizeof(slots[0].path), "lib/IDEAL_RESPONSE2.md");
			slot_version(&slots[ns++], ct);
			snprintf(slots[ns].path, sizeof(slots[0].path), "lib/MODEL_FAILURES2.md");
			slot_version(&slots[ns++], ct);
		}
	}
	int s_turn_end = ns;
	/* Code files: the stack, its tests, sometimes a Lambda handler. */
	int s_code0 = ns;
	{
		static const char *const main_file[NLANG] = { "lib/tap-stack.ts", "lib/tap_stack.py", "lib/main.tf",
			"lib/TapStack.yml", "lib/TapStack.json", "lib/tap_stack.go", "lib/src/main/java/app/TapStack.java",
			"lib/tap-stack.mjs", "lib/ci-cd.yml" };
		snprintf(slots[ns++].path, sizeof(slots[0].path), "%s", main_file[c.code]);
		if (c.code == L_HCL)
			snprintf(slots[ns++].path, sizeof(slots[0].path), "lib/variables.tf");
		bool py = c.code == L_PY;
		snprintf(slots[ns++].path, sizeof(slots[0].path), py ? "test/test_tap_stack_unit.py" : c.code == L_GO ? "test/tap_stack_test.go" : "test/tap-stack.unit.test.ts");
		snprintf(slots[ns++].path, sizeof(slots[0].path), py ? "test/test_tap_stack_integration.py" : "test/tap-stack.int.test.ts");
		/* more modules: real task folders hold about 14 files */
		static const char *const ext[NLANG] = { "ts", "py", "tf", "yml", "json", "go", "java", "mjs", "sh" };
		for (unsigned i = 0, k = 1 + below(7); i < k; i++) {
			const char *a = PICK(adjs), *cons = PICK(services).cons;
			if (c.code == L_HCL)
				snprintf(slots[ns++].path, sizeof(slots[0].path), "lib/modules/%s/main.tf", a);
			else
				snprintf(slots[ns++].path, sizeof(slots[0].path), "lib/constructs/%s-%s.%s", a, cons, ext[c.code]);
		}
		if (chance(0.3))
			snprintf(slots[ns++].path, sizeof(slots[0].path), "lib/lambda/%s/index.py", PICK(adjs));
		if (chance(0.15))
			snprintf(slots[ns++].path, sizeof(slots[0].path), "lib/AWS_REGION");
	}
	int s_code_end = ns;
	int first_code = n > 1 ? 1 : 0;
	for (int s = s_code0; s < s_code_end; s++)
		slot_version(&slots[s], s == s_code0 || chance(0.5) ? first_code : later(first_code, n));
	for (int cc = 1; cc < n; cc++) {
		bool any = false;
		for (int s = 0; s < ns && !any; s++)
			for (int v = 0; v < slots[s].nver; v++)
				any |= slots[s].when[v] == cc;
		if (!any || chance(0.3)) {
			int s = s_code0 + (int)below((uint32_t)(s_code_end - s_code0));
			if (slots[s].nver && slots[s].when[0] <= cc)
				slot_version(&slots[s], cc);
			else
				slot_version(&slots[s_code0], cc);
		}
	}

	/* Content, version after version, so that each blob deltas well
	 * against the one before it. */
	bool special = t->traits & T_HUGE;
	size_t t_model = special ? 150000 + below(10000) : clampz(lognormal(24244, 0.54), 1500, 160000);
	double z = log((double)t_model / 24244) / 0.54;
	size_t t_ideal = special ? 160000 + below(70000)
			 : clampz(21500 * exp(0.636 * (0.7 * z + 0.714 * normal())), 800, 240000);
	bool placeholders = t->traits & T_PLACEHOLDERS;
	unsigned hz_model = doc_hazards(0.48), hz_ideal = doc_hazards(0.40), hz_prompt = doc_hazards(0.36),
		 hz_fail = doc_hazards(0.40);
	if (t->traits & T_INVALID_UTF8)
		hz_fail |= H_INVALID;
	if (t->traits & T_NUL)
		hz_ideal |= H_NUL;
	if (t->traits & T_ESC)
		hz_ideal |= H_ESC;

	gen_prompt(&d_prompt, clampz(lognormal(3320, 0.6), 200, 36000));
	if (placeholders || chance(0.007)) {
		doc_clear(&d_prompt);
		add(&d_prompt, LK_PROSE, 0, "Insert here the prompt that made the model fail.");
	}
	slots[S_PROMPT].mark[0] = put_doc(&d_prompt, hz_prompt);
	t->size_prompt = rendered.len;

	gen_response(&d_model, &c, t_model, false);
	if (chance(0.045)) {  /* output cut mid-code, as truncated model answers are */
		for (size_t i = d_model.n; i-- > 0;)
			if (d_model.v[i].kind == LK_CODE && d_model.v[i].len > 4) {
				d_model.n = i + 1;
				d_model.v[i].len /= 2;
				hz_model |= H_NOEOL;
				break;
			}
	}
	if (placeholders || chance(0.017)) {
		doc_clear(&d_model);
		add(&d_model, LK_PROSE, 0, "Insert here the Model Response that failed");
	}
	slots[S_MODEL].mark[0] = put_doc(&d_model, hz_model);
	t->size_model = rendered.len;
	t->blocks_model = count_blocks(&d_model);

	double r = unit();
	if (r < 0.035) {
		doc_copy(&d_ideal, &d_model);
		hz_ideal = hz_model;
	} else if (r < 0.38) {
		gen_response(&d_ideal, &c, t_ideal, true);
	} else {
		derive_ideal(&d_ideal, &d_model, &c, t_ideal);
	}
	if (placeholders || chance(0.01)) {
		doc_clear(&d_ideal);
		add(&d_ideal, LK_PROSE, 0, "Insert here the ideal response");
	}
	for (int v = 0; v < slots[S_IDEAL].nver; v++) {
		if (v > 0) {
			doc_derive(&d_tmp, &d_ideal, &c, 0.97, NULL, 0.03);
			doc_copy(&d_ideal, &d_tmp);
		}
		slots[S_IDEAL].mark[v] = put_doc(&d_ideal, hz_ideal);
	}
	t->size_ideal = rendered.len;
	t->blocks_ideal = count_blocks(&d_ideal);

	gen_failures(&d_fail, &c, clampz(lognormal(3900, 0.8), 300, 80000));
	if (placeholders || chance(0.012)) {
		doc_clear(&d_fail);
		add(&d_fail, LK_PROSE, 0, "Insert here the model's failures");
	}
	for (int v = 0; v < slots[S_FAIL].nver; v++) {
		if (v > 0) {
			doc_derive(&d_tmp, &d_fail, &c, 0.95, NULL, 0.0);
			doc_copy(&d_fail, &d_tmp);
			lb(); ap("### %zu. %s the %s", 10 + d_fail.n % 7, PICK(problems), PICK(services).name); le(&d_fail, LK_HEAD, 0);
			blank(&d_fail);
			para(&d_fail, 2 + below(4));
		}
		slots[S_FAIL].mark[v] = put_doc(&d_fail, hz_fail);
	}
	t->size_failures = rendered.len;

	uint32_t salt = (uint32_t)rnd();
	for (int v = 0; v < slots[S_META].nver; v++) {
		gen_meta(&meta_buf, t, v + 1, slots[S_META].nver, salt);
		slots[S_META].mark[v] = put_blob(meta_buf.p, meta_buf.len);
	}
	if (s_stale >= 0) {
		struct task stale = *t;
		stale.tq = TQ_ABSENT;
		gen_meta(&meta_buf, &stale, 1, 2, salt ^ 1);
		slots[s_stale].mark[0] = put_blob(meta_buf.p, meta_buf.len);
	}
	for (int s = s_turn0; s < s_turn_end; s++) {
		if (strstr(slots[s].path, "PROMPT"))
			gen_prompt(&d_turn, clampz(lognormal(1500, 0.5), 200, 8000));
		else if (strstr(slots[s].path, "FAILURES"))
			gen_failures(&d_turn, &c, clampz(lognormal(3000, 0.5), 300, 20000));
		else
			gen_response(&d_turn, &c, clampz(lognormal(10000, 0.6), 1000, 60000), false);
		slots[s].mark[0] = put_doc(&d_turn, doc_hazards(0.4));
	}
	for (int s = s_code0; s < s_code_end; s++) {
		struct doc *cur = &d_code[(s - s_code0) % 6];
		if (strstr(slots[s].path, "AWS_REGION")) {
			uint32_t m = put_text(PICK(regions));
			for (int v = 0; v < slots[s].nver; v++)
				slots[s].mark[v] = m;
			continue;
		}
		bool test = strncmp(slots[s].path, "test/", 5) == 0;
		enum lang l = test && c.code != L_PY && c.code != L_GO ? L_TS : c.code;
		if (strstr(slots[s].path, "lambda/"))
			l = L_PY;
		doc_clear(cur);
		code_body(cur, l, c.family, clampz(lognormal(test ? 4000 : 7000, 0.6), 500, 60000), true);
		for (int v = 0; v < slots[s].nver; v++) {
			if (v > 0) {
				code_edit(&d_tmp, cur, l);
				doc_copy(cur, &d_tmp);
			}
			slots[s].mark[v] = put_doc(cur, 0);
		}
	}

	/* The branch: work commits, merges of main, the archiving rename. */
	uint32_t base = main_idx > (uint32_t)p->lag ? main_idx - (uint32_t)p->lag : 0;
	int64_t t0 = main_date(base) + 60, t1 = main_date(main_idx + 1) - 60;
	if (t1 <= t0)
		t1 = t0 + 60;
	int total = n + p->n_catch + 1;
	const char *ref = at_root ? "refs/heads/main" : "refs/heads/pr-branch";
	const struct person *who = &people[t->author];
	uint32_t tip = 0;
	/* catch-up merges go after these work commits, into these main commits */
	int catch_after[4] = { -1, -1, -1, -1 };
	uint32_t catch_to[4] = { 0 };
	for (int k = 0; k < p->n_catch && k < 4; k++) {
		catch_after[k] = (int)below((uint32_t)n);
		catch_to[k] = base + 1 + below(main_idx - base);
	}
	/* sort both so that the merges go forward in time and in main */
	for (int a = 0; a < p->n_catch; a++)
		for (int b = a + 1; b < p->n_catch; b++) {
			if (catch_after[b] < catch_after[a]) { int x = catch_after[a]; catch_after[a] = catch_after[b]; catch_after[b] = x; }
			if (catch_to[b] < catch_to[a]) { uint32_t x = catch_to[a]; catch_to[a] = catch_to[b]; catch_to[b] = x; }
		}
	int step = 0, next_catch = 0;
	uint32_t branch_base = base;
	for (int cc = 0; cc < n; cc++) {
		bool touched[5] = { false };
		for (int s = 0; s < 5; s++)
			for (int v = 0; v < slots[s].nver; v++)
				touched[s] |= slots[s].when[v] == cc;
		const char *msg = work_message(&msg_buf, t, touched, cc, n);
		int64_t when = t0 + (t1 - t0) * ++step / (total + 1);
		if (at_root) {
			main_idx++;
			when = main_date(main_idx);
		}
		tip = commit_begin(ref, who, who, when, msg, cc == 0 && !at_root ? main_marks[base] : 0, 0);
		if (at_root)
			main_marks[main_idx] = tip;
		for (int s = 0; s < ns; s++)
			for (int v = 0; v < slots[s].nver; v++)
				if (slots[s].when[v] == cc)
					fc_modify(slots[s].path, slots[s].mark[v]);
		commit_end();
		while (next_catch < p->n_catch && catch_after[next_catch] == cc) {
			uint32_t to = catch_to[next_catch++];
			if (to <= branch_base)
				to = branch_base + 1;
			if (to > main_idx)
				to = main_idx;
			msg_buf.len = 0;
			sb_printf(&msg_buf, "Merge branch 'main' into %s", t->branch);
			when = t0 + (t1 - t0) * ++step / (total + 1);
			tip = commit_begin(ref, who, who, when, msg_buf.p, 0, main_marks[to]);
			replay(branch_base, to);
			commit_end();
			branch_base = to;
			n_catchups++;
		}
	}
	if (at_root) {
		for (int s = 0; s < ns; s++)
			if (slots[s].nver)
				task_add_file(t, slots[s].path, slots[s].mark[slots[s].nver - 1]);
		t->live = true;
		goto done;
	}

	/* The bot's archiving commit renames the root files into the task's
	 * folder; the merge brings that folder to main. */
	msg_buf.len = 0;
	sb_printf(&msg_buf, "feat(%s): %s %s", pl->plat, t->po_id, t->title);
	if (special_hits == 0) {
		/* a subject that carries a terminal escape (corpus-facts §3) */
		msg_buf.len = 0;
		sb_printf(&msg_buf, "\x1b[200~fix(tests): %s coverage", t->po_id);
		special_hits++;
	}
	tip = commit_begin(ref, &bot, &bot, t1 - 30, msg_buf.p, 0, 0);
	static const char *const tops[] = { "lib", "test", "metadata.json" };
	for (size_t i = 0; i < N_OF(tops); i++) {
		if (i == 2 && !has_meta)
			continue;
		path_buf.len = 0;
		sb_printf(&path_buf, "%s/%s", t->dir, tops[i]);
		fc_rename(tops[i], path_buf.p, 'R');
	}
	commit_end();

	msg_buf.len = 0;
	sb_printf(&msg_buf, "Merge pull request #%d from TuringGpt/%s\n\nfeat(%s): %s %s", t->pr, t->branch,
		  pl->plat, t->po_id, t->title);
	uint32_t idx = main_commit(&people[below(5)], &github, msg_buf.p, tip);
	for (int s = 0; s < ns; s++) {
		if (!slots[s].nver)
			continue;
		uint32_t m = slots[s].mark[slots[s].nver - 1];
		path_buf.len = 0;
		sb_printf(&path_buf, "%s/%s", t->dir, slots[s].path);
		fc_modify(path_buf.p, m);
		change_add(idx, path_buf.p, m);
		task_add_file(t, slots[s].path, m);
	}
	commit_end();
	n_pr_merges++;
	t->live = true;
done:
	for (int s = 0; s < ns; s++) {
		free(slots[s].when);
		free(slots[s].mark);
	}
}

/* ---- pull requests that change the tooling, and direct commits -------- */

static const struct {
	const char *path;
	enum lang lang;
} infra_files[] = {
	{ ".github/workflows/ci-cd.yml", L_CICD }, { "scripts/archive-task.sh", L_BASH },
	{ "scripts/validate-metadata.py", L_PY }, { "README.md", L_MD }, { "scripts/deploy.sh", L_BASH },
	{ "docs/guidelines.md", L_MD }, { "cli/create-task.mjs", L_JS }, { "config/platforms.json", L_JSON },
};

static uint32_t infra_blob(size_t which)
{
	struct doc *d = &d_tmp;
	arena.len = 0;
	doc_clear(d);
	code_body(d, infra_files[which].lang, F_CDK, clampz(lognormal(5000, 0.6), 300, 40000),
		  infra_files[which].lang != L_BASH && infra_files[which].lang != L_MD);
	return put_doc(d, 0);
}

static void emit_infra_pr(const struct pr *p, int number)
{
	uint32_t base = main_idx > (uint32_t)p->lag ? main_idx - (uint32_t)p->lag : 0;
	int64_t t0 = main_date(base) + 60, t1 = main_date(main_idx + 1) - 60;
	if (t1 <= t0)
		t1 = t0 + 60;
	const struct person *who = &people[below(10)];
	uint32_t final[N_OF(infra_files)] = { 0 };
	char branch[40];
	snprintf(branch, sizeof(branch), "chore/tooling-%d", number);
	uint32_t tip = 0, branch_base = base;
	int total = p->n_work + p->n_catch;
	static const char *const msgs[] = { "ci: cache node modules", "chore(scripts): archive metadata checks",
		"ci: run cfn-lint on templates", "docs: update contribution guidelines", "fix(ci): localstack timeout",
		"chore: bump dependencies", "ci: upload coverage" };
	for (int c = 0; c < total; c++) {
		int64_t when = t0 + (t1 - t0) * (c + 1) / (total + 1);
		if (c >= p->n_work) {  /* merges of main come last */
			uint32_t to = main_idx;
			if (to <= branch_base)
				continue;
			msg_buf.len = 0;
			sb_printf(&msg_buf, "Merge branch 'main' into %s", branch);
			tip = commit_begin("refs/heads/pr-branch", who, who, when, msg_buf.p, 0, main_marks[to]);
			replay(branch_base, to);
			commit_end();
			branch_base = to;
			n_catchups++;
			continue;
		}
		size_t f = below((uint32_t)N_OF(infra_files));
		uint32_t m = infra_blob(f);
		final[f] = m;
		tip = commit_begin("refs/heads/pr-branch", who, who, when, PICK(msgs), c == 0 ? main_marks[base] : 0, 0);
		fc_modify(infra_files[f].path, m);
		commit_end();
	}
	msg_buf.len = 0;
	sb_printf(&msg_buf, "Merge pull request #%d from TuringGpt/%s\n\n%s", number, branch, PICK(msgs));
	uint32_t idx = main_commit(&people[below(5)], &github, msg_buf.p, tip);
	for (size_t f = 0; f < N_OF(infra_files); f++)
		if (final[f]) {
			fc_modify(infra_files[f].path, final[f]);
			change_add(idx, infra_files[f].path, final[f]);
		}
	commit_end();
	n_pr_merges++;
}

static const struct person *maintainer(void)
{
	return &people[below(3)];
}

/* Tasks renamed, deleted, copied by hand on main (corpus-facts §1, §6). */
static void emit_direct(enum ev_kind kind)
{
	static const char esc_dir[] = "archive-localstack/LS-\x1b[1;33m\xF0\x9F\x94\x8D Extracting metadata from "
				      "/home/runner/work/iac/metadata.json...\x1b[0m\n101912376-pulumi-py";
	uint32_t idx;
	switch (kind) {
	case EV_RENAME:
		idx = main_commit(maintainer(), maintainer(), "chore: move tasks to canonical platform folders", 0);
		for (size_t i = 0; i < ntasks; i++) {
			struct task *t = &tasks[i];
			if (!(t->traits & T_RENAMED) || !t->live || strstr(t->dir, platforms[t->platform].dir))
				continue;
			path_buf.len = 0;
			sb_printf(&path_buf, "archive/%s/Pr%d", platforms[t->platform].dir, t->pr);
			fc_rename(t->dir, path_buf.p, 'R');
			for (size_t f = 0; f < t->nfiles; f++) {
				char *old = NULL;
				size_t n = strlen(t->dir) + strlen(t->files[f].path) + 2;
				old = xrealloc(NULL, n);
				snprintf(old, n, "%s/%s", t->dir, t->files[f].path);
				change_add(idx, old, 0);
				free(old);
			}
			free(t->dir);
			t->dir = xstrdup(path_buf.p);
			for (size_t f = 0; f < t->nfiles; f++) {
				path_buf.len = 0;
				sb_printf(&path_buf, "%s/%s", t->dir, t->files[f].path);
				change_add(idx, path_buf.p, t->files[f].mark);
			}
		}
		break;
	case EV_DELETE:
		idx = main_commit(maintainer(), maintainer(), "chore: remove duplicate tasks", 0);
		for (size_t i = 0; i < ntasks; i++) {
			struct task *t = &tasks[i];
			if (!(t->traits & T_DELETED) || !t->live)
				continue;
			fc_delete(t->dir);
			for (size_t f = 0; f < t->nfiles; f++) {
				path_buf.len = 0;
				sb_printf(&path_buf, "%s/%s", t->dir, t->files[f].path);
				change_add(idx, path_buf.p, 0);
			}
			t->live = false;
		}
		break;
	case EV_COPY:
		idx = main_commit(maintainer(), maintainer(), "docs: add subcategory reference tasks", 0);
		for (size_t i = 0; i < ntasks; i++) {
			struct task *t = &tasks[i];
			if (t->copy_of < 0)
				continue;
			const struct task *src = &tasks[t->copy_of];
			if (!src->live)
				die("copy source %s is not merged yet", src->dir);
			fc_rename(src->dir, t->dir, 'C');
			for (size_t f = 0; f < src->nfiles; f++) {
				task_add_file(t, src->files[f].path, src->files[f].mark);
				path_buf.len = 0;
				sb_printf(&path_buf, "%s/%s", t->dir, src->files[f].path);
				change_add(idx, path_buf.p, src->files[f].mark);
			}
			t->live = true;
		}
		break;
	case EV_ESC_ADD: {
		static const char *const names[] = { "metadata.json", "lib/PROMPT.md" };
		uint32_t m[2] = { put_text("{\"platform\": \"pulumi\", \"language\": \"py\"}\n"),
				  put_text("Deploy the stack on LocalStack.\n") };
		idx = main_commit(&bot, &bot, "chore: import localstack tasks", 0);
		for (size_t i = 0; i < N_OF(names); i++) {
			path_buf.len = 0;
			sb_printf(&path_buf, "%s/%s", esc_dir, names[i]);
			fc_modify(path_buf.p, m[i]);
			change_add(idx, path_buf.p, m[i]);
		}
		break;
	}
	case EV_ESC_DEL:
		idx = main_commit(maintainer(), maintainer(), "fix: remove folders named after script output", 0);
		fc_delete("archive-localstack/LS-\x1b[1;33m\xF0\x9F\x94\x8D Extracting metadata from ");
		for (int i = 0; i < 2; i++) {
			path_buf.len = 0;
			sb_printf(&path_buf, "%s/%s", esc_dir, i ? "lib/PROMPT.md" : "metadata.json");
			change_add(idx, path_buf.p, 0);
		}
		break;
	case EV_LOOKALIKE: {
		/* looks like a task folder, holds only a test (corpus-facts §1) */
		uint32_t m = put_text("describe('integration', () => {\n  test.todo('stack outputs');\n});\n");
		idx = main_commit(maintainer(), maintainer(), "test: restore integration test", 0);
		fc_modify("archive/cfn-yaml/Pr7899/test/tap-stack.int.test.ts", m);
		change_add(idx, "archive/cfn-yaml/Pr7899/test/tap-stack.int.test.ts", m);
		break;
	}
	case EV_BOT: {
		size_t f = chance(0.5) ? 3 : 7;
		uint32_t m = infra_blob(f);
		idx = main_commit(&bot, &bot, "chore: update task index [skip ci]", 0);
		fc_modify(infra_files[f].path, m);
		change_add(idx, infra_files[f].path, m);
		break;
	}
	default:
		die("bad event");
	}
	commit_end();
}

static void emit_initial(void)
{
	static const char *const docs[] = { "PROMPT.md", "MODEL_RESPONSE.md", "IDEAL_RESPONSE.md", "MODEL_FAILURES.md" };
	static const char *const fill[] = { "Insert here the prompt that made the model fail\n",
		"Insert here the Model Response that failed\n", "Insert here the ideal response\n",
		"Insert here the model's failures\n" };
	uint32_t m_docs[4];
	for (int i = 0; i < 4; i++)
		m_docs[i] = put_text(fill[i]);
	uint32_t m_files[N_OF(infra_files)];
	for (size_t f = 0; f < N_OF(infra_files); f++)
		m_files[f] = infra_blob(f);
	uint32_t m_ignore = put_text("node_modules/\ncdk.out/\n.terraform/\n__pycache__/\n*.tfplan\n");
	main_marks[0] = commit_begin("refs/heads/main", &people[0], &people[0], t_start - 86400,
				     "Initial commit: templates and tooling", 0, 0);
	fc_modify(".gitignore", m_ignore);
	for (size_t f = 0; f < N_OF(infra_files); f++)
		fc_modify(infra_files[f].path, m_files[f]);
	for (size_t p = 0; p < N_OF(platforms); p++)
		for (int i = 0; i < 4; i++) {
			path_buf.len = 0;
			sb_printf(&path_buf, "templates/%s/lib/%s", platforms[p].dir, docs[i]);
			fc_modify(path_buf.p, m_docs[i]);
		}
	commit_end();
}

/* ---- the plan: tasks, pull requests, commits --------------------------- */

/* How many of n tasks get a trait that `real` of the 3,318 real tasks have;
 * at least one in a repository of 10 tasks or more. */
static size_t rare(size_t n, double real)
{
	size_t k = (size_t)llround(real * (double)n / 3318.0);
	return k == 0 && n >= 10 ? 1 : k;
}

/* Give `trait` to k tasks chosen among those that `ok` accepts. */
static void assign(unsigned trait, size_t k, bool (*ok)(const struct task *))
{
	size_t tries = 0;
	while (k > 0 && tries++ < 100000) {
		struct task *t = &tasks[below((uint32_t)ntasks)];
		if (!ok(t) || (t->traits & trait))
			continue;
		t->traits |= trait;
		k--;
	}
}

static bool plain_archive(const struct task *t)
{
	return t->dest == D_ARCHIVE && t->copy_of < 0 && !t->root &&
	       !(t->traits & (T_DELETED | T_RENAMED | T_ODD_DIR | T_NO_META | T_MALFORMED));
}

static void random_po_id(char id[16])
{
	if (chance(0.3)) {
		snprintf(id, 16, "%u", 340000 + below(20000));
		return;
	}
	static const char al[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	for (int i = 0; i < 8; i++)
		id[i] = al[below(36)];
	id[8] = '\0';
}

static int pick_platform(void)
{
	int total = 0;
	for (size_t i = 0; i < N_OF(platforms); i++)
		total += platforms[i].weight;
	int r = (int)below((uint32_t)total);
	for (size_t i = 0; i < N_OF(platforms); i++) {
		if (r < platforms[i].weight)
			return (int)i;
		r -= platforms[i].weight;
	}
	return 0;
}

static struct task *new_task(enum dest_kind dest)
{
	struct task *t = &tasks[ntasks++];
	memset(t, 0, sizeof(*t));
	t->dest = dest;
	t->copy_of = -1;
	t->platform = pick_platform();
	t->author = pick_author();
	if (ntasks > 1 && chance(0.1))
		memcpy(t->po_id, tasks[below((uint32_t)(ntasks - 1))].po_id, 16);  /* po_ids repeat */
	else
		random_po_id(t->po_id);
	snprintf(t->branch, sizeof(t->branch), "IAC-%u", 100000 + below(900000));
	static const struct wpick tq[] = { { TQ_INT, 2842 }, { TQ_ABSENT, 385 }, { TQ_FLOAT, 60 }, { TQ_STRING, 26 } };
	t->tq = (enum tq_kind)pick_weighted(tq, N_OF(tq));
	if (chance(0.058))
		t->traits |= T_TURNS;
	const struct service *s = &PICK(services);
	snprintf(t->title, sizeof(t->title), "%s %s %s", PICK(adjs), s->name, chance(0.5) ? "stack" : "infrastructure");
	return t;
}

static void swap_events(size_t a, size_t b)
{
	struct event x = events[a];
	events[a] = events[b];
	events[b] = x;
}

static void push_event(enum ev_kind kind, int pr)
{
	GROW(events, nevents, capevents);
	events[nevents++] = (struct event){ kind, pr };
}

/* Insert a direct commit at a fraction of the history. */
static size_t insert_event(enum ev_kind kind, double at)
{
	push_event(kind, -1);
	size_t pos = (size_t)(at * (double)(nevents - 1));
	for (size_t i = nevents - 1; i > pos; i--)
		swap_events(i, i - 1);
	return pos;
}

/* A plain task pull request that may change places with a special one. */
static bool movable(const struct event *e)
{
	if (e->kind != EV_PR || prs[e->pr].kind != PR_TASK)
		return false;
	const struct task *t = &tasks[prs[e->pr].task];
	return plain_archive(t) && !(t->traits & (T_COPY_SOURCE | T_RENAMED | T_DELETED));
}

/* Make sure the tasks with `trait` are merged before event position pos. */
static void move_before(unsigned trait, size_t pos)
{
	for (size_t i = pos + 1; i < nevents; i++) {
		if (events[i].kind != EV_PR || prs[events[i].pr].kind != PR_TASK ||
		    !(tasks[prs[events[i].pr].task].traits & trait))
			continue;
		size_t j = pos;
		while (j > 0 && !movable(&events[j - 1]))
			j--;
		if (j == 0)
			die("--tasks too small to place every kind of task");
		swap_events(i, j - 1);
	}
}

struct plan_args {
	size_t tasks, commits;
	uint64_t seed;
};

static size_t n_infra_prs, n_direct, root_pr = (size_t)-1;

static void plan(const struct plan_args *a)
{
	size_t n = a->tasks;
	if (n < 1)
		die("--tasks must be at least 1");
	bool full = n >= 20;
	size_t n_ls = full ? rare(n, 14) : 0, n_sub = full ? rare(n, 6) : 0, n_copy = full ? rare(n, 7) : 0;
	size_t n_deleted = full ? (n + 99) / 100 : 0, n_renamed = full ? (n + 99) / 100 : 0;
	if (n_ls + n_sub + n_copy + 1 > n)
		die("--tasks %zu is too small", n);
	size_t n_arch = n - 1 - n_ls - n_sub - n_copy;
	tasks = xrealloc(NULL, (n + n_deleted + 1) * sizeof(*tasks));
	for (size_t i = 0; i < n_arch + n_deleted; i++)
		new_task(D_ARCHIVE)->traits |= i >= n_arch ? T_DELETED : 0;
	for (size_t i = 0; i < n_ls; i++)
		new_task(D_LOCALSTACK);
	for (size_t i = 0; i < n_sub; i++)
		new_task(D_SUBCAT);
	size_t first_copy = ntasks;
	for (size_t i = 0; i < n_copy; i++)
		new_task(D_SUBCAT);
	struct task *root = new_task(D_ARCHIVE);
	root->root = true;
	root->traits &= ~(unsigned)T_TURNS;

	/* rare traits, given to exact numbers of tasks */
	assign(T_NO_META, rare(n, 2), plain_archive);
	assign(T_MALFORMED, rare(n, 2), plain_archive);
	assign(T_STALE_LIB_META, rare(n, 21), plain_archive);
	assign(T_HUGE, rare(n, 4), plain_archive);
	assign(T_INVALID_UTF8, rare(n, 8), plain_archive);
	assign(T_NUL, rare(n, 4), plain_archive);
	assign(T_ESC, rare(n, 1), plain_archive);
	assign(T_PLACEHOLDERS, rare(n, 8), plain_archive);
	assign(T_RENAMED, n_renamed, plain_archive);
	if (n >= 100) {
		assign(T_SPACE_TURN | T_TURNS, 1, plain_archive);
		assign(T_DASH_TURN, 2, plain_archive);
		assign(T_NESTED_TURN, 1, plain_archive);
		assign(T_IDEAL2, 1, plain_archive);
		for (size_t i = 0; i < ntasks; i++)
			if (tasks[i].traits & (T_DASH_TURN | T_NESTED_TURN | T_IDEAL2))
				tasks[i].traits |= T_TURNS;
	}
	if (n >= 400)
		assign(T_ODD_DIR, N_OF(odd_dirs), plain_archive);
	size_t odd = 0;
	for (size_t i = 0; i < ntasks; i++) {
		struct task *t = &tasks[i];
		if (t->traits & T_ODD_DIR) {
			t->odd = (int)(odd % N_OF(odd_dirs));
			t->platform = odd_dirs[t->odd].platform;
			odd++;
		}
		if (t->traits & T_RENAMED)
			t->odd = (int)below((uint32_t)N_OF(renamed_from));
	}
	static const enum tq_kind odd_tq[] = { TQ_DICT, TQ_MISSPELT, TQ_TYPO, TQ_EXTRA_KEY };
	for (size_t k = 0; n >= 100 && k < N_OF(odd_tq); k++) {
		for (size_t tries = 0; tries < 10000; tries++) {
			struct task *t = &tasks[below((uint32_t)ntasks)];
			if (plain_archive(t) && t->tq == TQ_INT) {
				t->tq = odd_tq[k];
				break;
			}
		}
	}
	for (size_t i = first_copy; i < first_copy + n_copy; i++) {
		for (size_t tries = 0; tries < 100000; tries++) {
			size_t j = below((uint32_t)ntasks);
			if (plain_archive(&tasks[j]) && !(tasks[j].traits & T_COPY_SOURCE)) {
				tasks[j].traits |= T_COPY_SOURCE;
				tasks[i].copy_of = (int)j;
				tasks[i].platform = tasks[j].platform;
				break;
			}
		}
	}

	/* pull requests: tasks and tooling, in a shuffled order */
	n_infra_prs = n >= 10 ? (size_t)llround((double)n * 0.35) : 1;
	prs = xrealloc(NULL, (ntasks + n_infra_prs + 1) * sizeof(*prs));
	for (size_t i = 0; i < ntasks; i++) {
		if (tasks[i].copy_of >= 0 || tasks[i].root)
			continue;
		prs[nprs++] = (struct pr){ PR_TASK, (int)i, 0, 0, 0 };
	}
	for (size_t i = 0; i < n_infra_prs; i++)
		prs[nprs++] = (struct pr){ PR_INFRA, -1, 0, 0, 0 };
	for (size_t i = nprs; i > 1; i--) {
		size_t j = below((uint32_t)i);
		struct pr x = prs[i - 1];
		prs[i - 1] = prs[j];
		prs[j] = x;
	}
	for (size_t i = 0; i < nprs; i++)
		push_event(EV_PR, (int)i);
	if (full) {
		insert_event(EV_ESC_ADD, 0.3);
		insert_event(EV_ESC_DEL, 0.45);
		insert_event(EV_LOOKALIKE, 0.5);
		size_t pc = insert_event(EV_COPY, 0.55);
		move_before(T_COPY_SOURCE, pc);
		size_t pr = insert_event(EV_RENAME, 0.7);
		move_before(T_RENAMED, pr);
		size_t pd = insert_event(EV_DELETE, 0.75);
		move_before(T_DELETED, pd);
		for (size_t i = 0, nb = n / 25; i < nb; i++)
			insert_event(EV_BOT, unit());
	}
	root_pr = nprs;
	prs[nprs++] = (struct pr){ PR_ROOT, (int)(root - tasks), 0, 0, 0 };

	/* commits per pull request (corpus-facts §6: median 9, p90 21, max 132) */
	size_t fixed = 1, work = 0;
	for (size_t e = 0; e < nevents; e++) {
		if (events[e].kind != EV_PR) {
			fixed++;
			n_direct++;
			continue;
		}
		struct pr *p = &prs[events[e].pr];
		p->lag = (int)clampz(lognormal(12, 0.8), 0, 300);
		if ((size_t)p->lag > e)
			p->lag = (int)e;
		if (p->kind == PR_TASK) {
			int total = (int)clampz(lognormal(9, 0.661) + 0.5, 3, 132);
			static const struct wpick cw[] = { { 0, 55 }, { 1, 30 }, { 2, 10 }, { 3, 5 } };
			p->n_catch = p->lag ? pick_weighted(cw, N_OF(cw)) : 0;
			if (p->n_catch > p->lag)
				p->n_catch = p->lag;
			if (p->n_catch > total - 3)
				p->n_catch = total - 3;
			p->n_work = total - 1 - p->n_catch;
			fixed += 2 + (size_t)p->n_catch;
		} else {
			p->n_work = (int)clampz(lognormal(2.5, 0.6) + 0.5, 1, 20);
			p->n_catch = p->lag && chance(0.2) ? 1 : 0;
			fixed += 1 + (size_t)p->n_catch;
		}
		work += (size_t)p->n_work;
	}
	prs[root_pr].n_work = 2 + (int)below(6);
	work += (size_t)prs[root_pr].n_work;
	size_t min_commits = fixed + nprs;
	if (a->commits < min_commits) {
		/* drop the merges of main into branches before giving up */
		for (size_t i = 0; i < nprs && a->commits < min_commits; i++) {
			fixed -= (size_t)prs[i].n_catch;
			min_commits -= (size_t)prs[i].n_catch;
			prs[i].n_catch = 0;
		}
		if (a->commits < min_commits)
			die("--commits %zu is too few for --tasks %zu: at least %zu are needed", a->commits, n, min_commits);
	}
	/* scale the work commits so that the total is exactly --commits */
	size_t want = a->commits - fixed, got = 0;
	double f = (double)want / (double)work;
	for (size_t i = 0; i < nprs; i++) {
		long w = lround(prs[i].n_work * f);
		prs[i].n_work = w < 1 ? 1 : (int)w;
		got += (size_t)prs[i].n_work;
	}
	while (got != want) {
		struct pr *p = &prs[below((uint32_t)nprs)];
		if (got < want) {
			p->n_work++;
			got++;
		} else if (p->n_work > 1) {
			p->n_work--;
			got--;
		}
	}
	main_total = 1 + nevents + (size_t)prs[root_pr].n_work;
	main_marks = xrealloc(NULL, (main_total + 1) * sizeof(*main_marks));

	/* PR numbers grow along the history, with gaps */
	int number = 20;
	for (size_t e = 0; e < nevents; e++) {
		if (events[e].kind != EV_PR)
			continue;
		number += 1 + (int)below(4);
		struct pr *p = &prs[events[e].pr];
		if (p->kind != PR_TASK) {
			p->task = -number;  /* infra PRs keep their number here */
			continue;
		}
		struct task *t = &tasks[p->task];
		t->pr = number;
		char dir[160];
		const char *pl = platforms[t->platform].dir;
		if (t->dest == D_LOCALSTACK) {
			if (chance(0.1))
				snprintf(dir, sizeof(dir), "archive-localstack/pr-%d-%s", number, pl);
			else
				snprintf(dir, sizeof(dir), "archive-localstack/LS-%u-%s", 6000 + below(350000), pl);
		} else if (t->dest == D_SUBCAT) {
			snprintf(dir, sizeof(dir), "subcategory-references/%s/Pr%d", PICK(subcats), number);
		} else if (t->traits & T_ODD_DIR) {
			snprintf(dir, sizeof(dir), "archive/%s/Pr%d", odd_dirs[t->odd].dir, number);
		} else if (t->traits & T_RENAMED) {
			snprintf(dir, sizeof(dir), "archive/%s/Pr%d", renamed_from[t->odd], number);
		} else {
			snprintf(dir, sizeof(dir), "archive/%s/Pr%d", pl, number);
		}
		t->dir = xstrdup(dir);
	}
	for (size_t i = 0; i < ntasks; i++) {
		struct task *t = &tasks[i];
		if (t->copy_of >= 0) {
			char dir[160];
			snprintf(dir, sizeof(dir), "subcategory-references/%s/Pr%d", PICK(subcats), tasks[t->copy_of].pr);
			t->dir = xstrdup(dir);
			t->pr = tasks[t->copy_of].pr;
		}
	}
	root->dir = xstrdup("");
	root->pr = number + 1;
}

/* ---- summary ---------------------------------------------------------- */

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

static void dist(FILE *f, const char *name, size_t *v, size_t n)
{
	if (!n)
		return;
	qsort(v, n, sizeof(*v), cmp_size);
	fprintf(f, "%s_median=%zu\n%s_p90=%zu\n%s_p99=%zu\n%s_max=%zu\n", name, v[n / 2], name, v[n * 9 / 10],
		name, v[n * 99 / 100], name, v[n - 1]);
}

static void summary(FILE *f, const struct plan_args *a)
{
	size_t live = 0, over150 = 0;
	size_t *sm = xrealloc(NULL, ntasks * sizeof(size_t)), *si = xrealloc(NULL, ntasks * sizeof(size_t));
	size_t *sf = xrealloc(NULL, ntasks * sizeof(size_t)), *sp = xrealloc(NULL, ntasks * sizeof(size_t));
	size_t *bm = xrealloc(NULL, ntasks * sizeof(size_t)), *bi = xrealloc(NULL, ntasks * sizeof(size_t));
	for (size_t i = 0; i < ntasks; i++) {
		if (!tasks[i].live)
			continue;
		const struct task *t = tasks[i].copy_of >= 0 ? &tasks[tasks[i].copy_of] : &tasks[i];
		sm[live] = t->size_model;
		si[live] = t->size_ideal;
		sf[live] = t->size_failures;
		sp[live] = t->size_prompt;
		bm[live] = (size_t)t->blocks_model;
		bi[live] = (size_t)t->blocks_ideal;
		over150 += (t->size_model > 150000) + (t->size_ideal > 150000);
		live++;
	}
	fprintf(f, "seed=%" PRIu64 "\ncommits=%" PRIu64 "\nmerges=%" PRIu64 "\npr_merges=%" PRIu64
		"\nmain_merged_into_branches=%" PRIu64 "\ntasks=%zu\ntask_prs=%zu\ntooling_prs=%zu\ndirect_commits=%zu\n",
		a->seed, n_commits, n_merges, n_pr_merges, n_catchups, live, nprs - n_infra_prs - 1, n_infra_prs,
		n_direct);
	fprintf(f, "blobs=%" PRIu64 "\nblob_bytes=%" PRIu64 "\ndocs_over_150KB=%zu\n", n_blobs, blob_bytes, over150);
	dist(f, "model_bytes", sm, live);
	dist(f, "ideal_bytes", si, live);
	dist(f, "failures_bytes", sf, live);
	dist(f, "prompt_bytes", sp, live);
	dist(f, "model_blocks", bm, live);
	dist(f, "ideal_blocks", bi, live);
	free(sm); free(si); free(sf); free(sp); free(bm); free(bi);
}

/* ---- main ------------------------------------------------------------- */

static size_t parse_count(const char *opt, const char *s)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || end == s || v > 100000000ull)
		die("%s takes a number, not '%s'", opt, s);
	return (size_t)v;
}

int main(int argc, char **argv)
{
	struct plan_args a = { 3300, 52000, 1 };
	const char *summary_path = NULL;
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		if (i + 1 >= argc)
			die("usage: gen-repo [--tasks N] [--commits N] [--seed N] [--summary FILE]");
		if (strcmp(o, "--tasks") == 0)
			a.tasks = parse_count(o, argv[++i]);
		else if (strcmp(o, "--commits") == 0)
			a.commits = parse_count(o, argv[++i]);
		else if (strcmp(o, "--seed") == 0)
			a.seed = parse_count(o, argv[++i]);
		else if (strcmp(o, "--summary") == 0)
			summary_path = argv[++i];
		else
			die("unknown option '%s'", o);
	}
	rng_state = a.seed * 0x2545F4914F6CDD1Dull + 12345;
	init_people();
	plan(&a);

	stream = stdout;
	static char obuf[1 << 20];
	setvbuf(stream, obuf, _IOFBF, sizeof(obuf));
	fputs("feature done\n", stream);
	emit_initial();
	for (size_t e = 0; e < nevents; e++) {
		if (events[e].kind != EV_PR) {
			emit_direct(events[e].kind);
			continue;
		}
		struct pr *p = &prs[events[e].pr];
		if (p->kind == PR_TASK)
			emit_task_pr(p, false);
		else
			emit_infra_pr(p, -p->task);
	}
	emit_task_pr(&prs[root_pr], true);
	fputs("done\n", stream);
	if (fflush(stream) != 0 || ferror(stream))
		die("writing the stream: %s", strerror(errno));
	if (n_commits != a.commits)
		die("internal: wrote %" PRIu64 " commits, planned %zu", n_commits, a.commits);
	FILE *f = summary_path ? fopen(summary_path, "w") : stderr;
	if (!f)
		die("%s: %s", summary_path, strerror(errno));
	summary(f, &a);
	if (summary_path && fclose(f) != 0)
		die("%s: %s", summary_path, strerror(errno));
	return 0;
}
