import { settingsFromEnvironment } from '../../src/deploy/deployment-settings.js';
import type { MergeOutput } from '../../src/deploy/stage-io.js';
import { notifyStage } from '../../src/deploy/stages.js';

/** Stage 4: the findings by email through SES. */
export const handler = async (event: MergeOutput) =>
  notifyStage(settingsFromEnvironment(process.env), event);
