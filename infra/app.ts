import { App } from 'aws-cdk-lib';
import {
  flagFromContext,
  memberRolePropsFromContext,
  stackNameFromContext,
  stackPropsFromContext,
} from './context-props.js';
import { StaleSgMemberRoleStack } from './member-role-stack.js';
import { StaleSgStack } from './stale-sg-stack.js';

/*
 * `npx cdk synth|deploy -c flowLogBucket=... [-c key=value ...]` makes the
 * pipeline stack; `-c memberRoleStack=true` makes only the role for member
 * accounts instead, so that each command deploys exactly one stack.
 */
const app = new App();
try {
  if (flagFromContext(app.node, 'memberRoleStack')) {
    new StaleSgMemberRoleStack(
      app,
      stackNameFromContext(app.node, 'StaleSgMemberRole'),
      memberRolePropsFromContext(app.node),
    );
  } else {
    new StaleSgStack(
      app,
      stackNameFromContext(app.node, 'StaleSg'),
      stackPropsFromContext(app.node),
    );
  }
  app.synth();
} catch (error) {
  // A settings mistake deserves its message, not a stack trace.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
