import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Duration } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
const HANDLERS = fileURLToPath(new URL('./handlers/', import.meta.url));

/** Gives bundled CommonJS dependencies the `require` that an ES module lacks. */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * The project's own esbuild, never Docker, so that a synth needs neither
 * Docker nor a network. ESM keeps the library's `import.meta.url` working.
 */
export const STAGE_BUNDLING = {
  forceDockerBundling: false,
  format: OutputFormat.ESM,
  target: 'node22',
  mainFields: ['module', 'main'],
  // The Lambda runtime ships the AWS SDK v3.
  externalModules: ['@aws-sdk/*'],
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  banner: ESM_REQUIRE_BANNER,
} as const satisfies BundlingOptions;

export interface StageFunctionProps {
  /** The handler's file name in `infra/handlers/`, without `.ts`. */
  readonly handler: 'collect' | 'merge' | 'notify' | 'failure';
  readonly memoryMiB: number;
  readonly timeout: Duration;
  readonly environment: Record<string, string>;
  readonly logRetention: RetentionDays;
  /** Files the handler reads at run time, copied next to the bundle: [from the project root, to]. */
  readonly files?: readonly (readonly [string, string])[];
}

/**
 * One stage's Lambda function, bundled with the esbuild installed in the
 * project (never Docker). Its role starts empty: no managed policy, only the
 * right to write its own log group, and what `permissions.ts` grants.
 */
export function stageFunction(
  scope: Construct,
  id: string,
  props: StageFunctionProps,
): NodejsFunction {
  const logGroup = new LogGroup(scope, `${id}Logs`, { retention: props.logRetention });
  const role = new Role(scope, `${id}Role`, {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: `stale-sg ${props.handler} stage`,
  });
  logGroup.grantWrite(role);

  return new NodejsFunction(scope, id, {
    entry: join(HANDLERS, `${props.handler}.ts`),
    handler: 'handler',
    runtime: Runtime.NODEJS_22_X,
    architecture: Architecture.ARM_64,
    memorySize: props.memoryMiB,
    timeout: props.timeout,
    // Stack traces that point into the TypeScript sources, through the bundle's source map.
    environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
    role,
    logGroup,
    projectRoot: PROJECT_ROOT,
    depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
    bundling: {
      ...STAGE_BUNDLING,
      ...(props.files ? { commandHooks: copyFiles(props.files) } : {}),
    },
  });
}

function copyFiles(files: readonly (readonly [string, string])[]) {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) =>
      files.flatMap(([from, to]) => [
        `mkdir -p "${join(outputDir, to, '..')}"`,
        `cp "${join(inputDir, from)}" "${join(outputDir, to)}"`,
      ]),
  };
}
