import { readFileSync } from 'node:fs';

import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv/dist/2020.js';

export const SCHEMA_PATH = new URL('../../schema/report.schema.json', import.meta.url);

export const reportSchema: Record<string, unknown> = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));

/** RFC 3339 `date-time` (JSON Schema's format), checked here rather than with ajv-formats. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

export function isDateTime(value: string): boolean {
  return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

const ajv = new Ajv2020({ strict: true, allErrors: true });
ajv.addFormat('date-time', { type: 'string', validate: isDateTime });
const validate = ajv.compile(reportSchema);

/** Validates a value against schema/report.schema.json; the errors say where it failed. */
export function validateReport(value: unknown): readonly ErrorObject[] {
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
