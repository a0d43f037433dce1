import { Token } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { validateFlowLogTableLayout } from '../src/athena/validate-flow-log-table-layout.js';
import type { FlowLogTableLayout } from '../src/athena/flow-log-table.js';
import { REQUIRED_FIELDS } from '../src/flow-logs/flow-log-fields.js';

/**
 * Checks of single settings. Each returns the problem in words, or null;
 * `resolveConfig` gathers them so that one synth names every mistake at once.
 */
export type Check<T> = (name: string, value: T) => string | null;

/**
 * The layout as the stages will check it (the same function). A token, the
 * account or region of an environment-agnostic stack that CloudFormation
 * fills in at deploy time, cannot be judged here and gets a valid stand-in.
 */
export function tableLayout(layout: Required<FlowLogTableLayout>): string | null {
  const standIn = (values: readonly string[], valid: string) =>
    values.map((value) => (Token.isUnresolved(value) ? valid : value));
  try {
    validateFlowLogTableLayout({
      ...layout,
      accounts: standIn(layout.accounts, '123456789012'),
      regions: standIn(layout.regions, 'us-east-1'),
    });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }

  const missing = REQUIRED_FIELDS.filter((field) => !layout.fields.includes(field));
  return missing.length === 0
    ? null
    : `fields must include ${missing.join(', ')}: without them no record can be matched to a rule`;
}

export function oneOf(choices: readonly string[]): Check<string> {
  return (name, value) =>
    choices.includes(value)
      ? null
      : `${name} must be one of ${choices.join(', ')}, found ${quote(value)}`;
}

/** EventBridge Scheduler's three kinds of expression; cron has six fields there. */
export const scheduleExpression: Check<string> = (name, value) => {
  const cron = /^cron\(\S+( \S+){5}\)$/;
  const rate = /^rate\([1-9]\d* (minute|minutes|hour|hours|day|days)\)$/;
  const at = /^at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\)$/;
  return [cron, rate, at].some((pattern) => pattern.test(value))
    ? null
    : `${name} must be an EventBridge Scheduler expression such as "cron(0 3 * * ? *)" ` +
        `(six fields) or "rate(1 day)", found ${quote(value)}`;
};

/** One mailbox, `ops@example.com` or `Ops <ops@example.com>`. */
export const mailbox: Check<string> = (name, value) =>
  senderAddress(value) === null
    ? `${name} must be an email address such as ops@example.com or "Ops <ops@example.com>", ` +
      `found ${quote(value)}`
    : null;

/**
 * Bare addresses only: the Lambda settings split the recipient list on
 * commas and blanks, so a display name would be torn apart.
 */
export const bareAddresses: Check<readonly string[]> = (name, values) => {
  const wrong = values.find((value) => !isAddress(value));
  return wrong === undefined
    ? null
    : `${name} must hold bare email addresses, found ${quote(wrong)}`;
};

export function wholeNumber(minimum: number): Check<number> {
  return (name, value) =>
    Number.isSafeInteger(value) && value >= minimum
      ? null
      : `${name} must be a whole number, ${minimum} or more, found ${String(value)}`;
}

export function namePattern(pattern: RegExp, expected: string): Check<string> {
  return (name, value) =>
    pattern.test(value) ? null : `${name} must be ${expected}, found ${quote(value)}`;
}

export const retentionDays: Check<number> = (name, value) =>
  (Object.values(RetentionDays) as unknown[]).includes(value)
    ? null
    : `${name} must be a retention that CloudWatch Logs offers (1, 3, 5, 7, 14, 30, 60, 90, ` +
      `120, 150, 180, 365, ...), found ${String(value)}`;

/** The address inside a mailbox, or null when it is not one. */
export function senderAddress(mailboxText: string): string | null {
  const text = mailboxText.trim();
  const address = /^[^<>]*<([^<>]+)>$/.exec(text)?.[1] ?? text;
  return isAddress(address) ? address : null;
}

function isAddress(value: string): boolean {
  return /^[^@\s<>,]+@[^@\s<>,]+\.[^@\s<>,]+$/.test(value);
}

function quote(value: string): string {
  return JSON.stringify(value);
}
