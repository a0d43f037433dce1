import { settingsFromEnvironment } from '../../src/deploy/deployment-settings.js';
import type { FailureInput } from '../../src/deploy/stage-io.js';
import { failureStage } from '../../src/deploy/stages.js';

/** The catch-all: mails the error that stopped an execution. */
export const handler = async (event: FailureInput) =>
  failureStage(settingsFromEnvironment(process.env), event);
