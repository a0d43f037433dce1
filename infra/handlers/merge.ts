import { settingsFromEnvironment } from '../../src/deploy/deployment-settings.js';
import type { MergeInput } from '../../src/deploy/stage-io.js';
import { mergeStage } from '../../src/deploy/stages.js';

/** Stage 3: the Athena query's results merged into the usage table. */
export const handler = async (event: MergeInput) =>
  mergeStage(settingsFromEnvironment(process.env), event);
