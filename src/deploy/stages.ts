import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { attributionFromRows } from '../athena/attribution-results.js';
import { attributionQuery } from '../athena/attribution-query.js';
import { createAthenaClient } from '../athena/create-athena-client.js';
import { uploadInventory } from '../athena/inventory-upload.js';
import { readQueryResults } from '../athena/read-query-results.js';
import { athenaCostUsd } from '../athena/athena-cost.js';
import { DEFAULT_EPHEMERAL_PORTS } from '../attribution/port-range.js';
import { collectInventory } from '../aws/collect-inventory.js';
import { combineCollectedInventories } from '../aws/collected-inventory.js';
import { loadCollectedInventory } from '../aws/group-locations.js';
import { identifyCaller } from '../aws/identify-caller.js';
import { isStaleSgError, StaleSgError } from '../errors.js';
import { composeFindingsEmail, type FindingsEmail } from '../notify/findings-email.js';
import { escapeHtml } from '../notify/escape-html.js';
import { sendFindingsEmail } from '../notify/send-findings-email.js';
import { shouldNotify } from '../notify/should-notify.js';
import { storedReport } from '../pipeline/stored-report.js';
import { DynamoDbStore } from '../store/dynamodb/dynamodb-store.js';
import type { UsageStore } from '../store/usage-store.js';
import type { DeploymentSettings } from './deployment-settings.js';
import type {
  CollectOutput,
  FailureInput,
  MergeInput,
  MergeOutput,
  NotifyOutput,
  ScheduledInput,
} from './stage-io.js';
import { GetQueryExecutionCommand } from '@aws-sdk/client-athena';

/*
 * The four stages of the deployed pipeline, over the same library as the
 * CLI. Each Lambda handler in infra/ is one line around one of these; the
 * Athena query between collect and merge is run by Step Functions itself.
 */

const DAY_MS = 86_400_000;

/**
 * Stage 1: collects the inventory of every account and region, stores the
 * snapshot, uploads the inventory tables for Athena, and returns the
 * attribution query of the window: the `windowDays` whole UTC days before
 * the run's day.
 */
export async function collectStage(
  settings: DeploymentSettings,
  input: ScheduledInput,
): Promise<CollectOutput> {
  const now = input.time === undefined ? new Date() : new Date(input.time);
  const until = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const since = new Date(until.getTime() - settings.windowDays * DAY_MS);

  return withStore(settings, async (store) => {
    const runId = await store.startRun(now);
    const { inventory } = await collectAccounts(settings);
    await store.saveInventory(inventory, now);
    // Groups and interfaces that are gone still explain the window's traffic.
    const matching = await store.loadInventory({ includeGone: true });

    const s3 = new S3Client({});
    try {
      const inventoryLocation = await uploadInventory(
        s3,
        settings.dataBucket,
        settings.dataPrefix,
        runId,
        matching,
      );
      const queryString = attributionQuery({
        layout: settings.layout,
        window: { since, until },
        runId,
        ephemeralPorts: DEFAULT_EPHEMERAL_PORTS,
      });
      return {
        runId,
        since: since.toISOString(),
        until: until.toISOString(),
        queryString,
        inventoryLocation,
      };
    } finally {
      s3.destroy();
    }
  });
}

/**
 * Stage 3: reads the finished query's results and merges them into the
 * store as one batch whose source is the window of the flow log table: a
 * retried or repeated execution for the same window finds it processed and
 * adds nothing.
 */
export async function mergeStage(
  settings: DeploymentSettings,
  input: MergeInput,
): Promise<MergeOutput> {
  const athena = createAthenaClient();
  try {
    const execution = await athena.send(
      new GetQueryExecutionCommand({ QueryExecutionId: input.queryExecutionId }),
    );
    const scanned = execution.QueryExecution?.Statistics?.DataScannedInBytes ?? 0;
    const { attribution, evidence } = await attributionFromRows(
      readQueryResults(athena, input.queryExecutionId),
    );

    return await withStore(settings, async (store) => {
      const source = {
        key: `athena://${settings.layout.database}.${settings.layout.table}/${input.since}/${input.until}`,
        size: scanned,
        mtimeMs: null,
        etag: null,
      };
      const usage = {
        totals: [...attribution.usage.values()],
        evidence,
        counts: attribution.counts,
      };
      let alreadyMerged = false;
      try {
        await store.commitBatch(input.runId, [source], usage, new Date());
      } catch (error) {
        if (!isStaleSgError(error) || error.code !== 'ALREADY_PROCESSED') throw error;
        alreadyMerged = true;
      }
      await store.finishRun(
        input.runId,
        {
          status: 'succeeded',
          files: alreadyMerged ? 0 : 1,
          records: alreadyMerged ? 0 : attribution.counts.records,
        },
        new Date(),
      );
      return {
        runId: input.runId,
        records: attribution.counts.records,
        rules: attribution.usage.size,
        alreadyMerged,
        dataScannedBytes: scanned,
      };
    });
  } finally {
    athena.destroy();
  }
}

/** Stage 4: mails the findings of the whole history, when the settings say to. */
export async function notifyStage(
  settings: DeploymentSettings,
  input: MergeOutput,
): Promise<NotifyOutput> {
  const report = await withStore(settings, (store) =>
    storedReport(store, { staleAfterDays: settings.staleAfterDays }),
  );
  const findings = Object.values(report.findings).reduce((sum, list) => sum + list.length, 0);
  if (!shouldNotify(report, settings.notify)) return { sent: false, findings };

  const { from, to } = recipients(settings);
  const email = composeFindingsEmail(report, { from, to });
  await sendFindingsEmail(
    { ...email, text: `${email.text}\nRun ${input.runId}: ${scanLine(input)}\n` },
    { kind: 'ses' },
  );
  return { sent: true, findings };
}

/** The state machine's catch: mails what failed, so a broken schedule does not go unnoticed. */
export async function failureStage(
  settings: DeploymentSettings,
  input: FailureInput,
): Promise<void> {
  const { from, to } = recipients(settings);
  const error = oneLine(input.Error ?? 'unknown error');
  const text = [
    'The scheduled stale-sg run failed; the store keeps what earlier runs merged, and the next',
    'run reads the same window again.',
    '',
    `Error: ${error}`,
    `Cause: ${input.Cause ?? 'none given'}`,
    '',
  ].join('\n');
  const email: FindingsEmail = {
    from,
    to,
    subject: `stale-sg: the scheduled run failed (${error.slice(0, 80)})`,
    text,
    html: `<pre>${escapeHtml(text)}</pre>`,
    attachments: [],
  };
  await sendFindingsEmail(email, { kind: 'ses' });
}

async function withStore<T>(
  settings: DeploymentSettings,
  work: (store: UsageStore) => Promise<T>,
): Promise<T> {
  const store = await DynamoDbStore.open({
    rulesTable: settings.rulesTable,
    usageTable: settings.usageTable,
  });
  try {
    return await work(store);
  } finally {
    store.close();
  }
}

/**
 * The inventory of every configured account: the deployment's own with the
 * function's role, the others through the member role, joined into one.
 */
async function collectAccounts(settings: DeploymentSettings) {
  const sts = new STSClient({});
  const own = await identifyCaller(sts).finally(() => sts.destroy());
  const collections = [];
  for (const account of settings.layout.accounts) {
    const roleArn =
      account === own.accountId || settings.memberRoleName === null
        ? undefined
        : `arn:aws:iam::${account}:role/${settings.memberRoleName}`;
    if (account !== own.accountId && roleArn === undefined) continue;
    collections.push(await collectInventory({ regions: settings.layout.regions, roleArn }));
  }
  const collected = combineCollectedInventories(collections);
  if (collected.accounts.every((account) => account.regions.length === 0)) {
    throw new StaleSgError(
      'INVALID_ARGUMENT',
      `no region could be collected: ${collected.errors.map((e) => e.message).join('; ')}`,
    );
  }
  return loadCollectedInventory(collected);
}

function recipients(settings: DeploymentSettings): { from: string; to: readonly string[] } {
  if (settings.emailFrom === null || settings.emailTo.length === 0) {
    throw new StaleSgError(
      'INVALID_ARGUMENT',
      'the deployment has no sender or no recipients (STALE_SG_EMAIL_FROM, STALE_SG_EMAIL_TO)',
    );
  }
  return { from: settings.emailFrom, to: settings.emailTo };
}

function scanLine(merge: MergeOutput): string {
  const gb = merge.dataScannedBytes / 1e9;
  return (
    `${merge.records} records, ${merge.rules} rules with traffic; Athena scanned ` +
    `${gb.toFixed(2)} GB (about $${athenaCostUsd(merge.dataScannedBytes).toFixed(4)})` +
    (merge.alreadyMerged ? '; this window was merged before, nothing was added' : '')
  );
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').trim();
}
