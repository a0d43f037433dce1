import { settingsFromEnvironment } from '../../src/deploy/deployment-settings.js';
import type { ScheduledInput } from '../../src/deploy/stage-io.js';
import { collectStage } from '../../src/deploy/stages.js';

/** Stage 1: the inventory into DynamoDB and the data bucket; returns the Athena query. */
export const handler = async (event: ScheduledInput) =>
  collectStage(settingsFromEnvironment(process.env), event);
