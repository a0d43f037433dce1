import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { StaleSgError } from '../errors.js';
import {
  DEFAULT_REMEDIATION_KINDS,
  REMEDIATION_KINDS,
  planRemediation,
  type RemediationKind,
} from '../findings/remediation-plan.js';
import {
  renderBackup,
  renderRestoreScript,
  renderRevokeScript,
} from '../findings/remediation-script.js';
import { storedReport } from '../pipeline/stored-report.js';
import { addStoreOptions, withExistingStore, type StoreSettings } from './store-options.js';
import { parseDays } from './parse-options.js';
import { COMMAND_SUMMARIES } from './command-summaries.js';

interface RemediateFlags extends StoreSettings {
  readonly findings: string[];
  readonly outDir: string;
  readonly staleAfter?: number;
  readonly region?: string;
  readonly profile?: string;
}

export function remediateCommand(): Command {
  const command = new Command('remediate')
    .summary(COMMAND_SUMMARIES.remediate)
    .description(
      'Writes, for a person to review, a bash script of `aws ec2 revoke-security-group-ingress` ' +
        'and `-egress` calls for the rules of the chosen findings (stale by default), grouped by ' +
        'security group, a JSON backup of those rules, and a script that restores them. ' +
        'stale-sg itself never changes a security group. Redundant rules are chosen so that ' +
        'every observed flow stays allowed by a rule that remains.',
    )
    .option(
      '--findings <kind...>',
      `findings whose rules to revoke: ${REMEDIATION_KINDS.join(', ')}`,
      [...DEFAULT_REMEDIATION_KINDS],
    )
    .option('--out-dir <dir>', 'where to write the scripts and the backup', '.stale-sg/remediation')
    .option(
      '--stale-after <days>',
      'days without a hit before a rule is stale (default 30)',
      parseDays,
    )
    .option('--region <region>', 'add --region to every aws call')
    .option('--profile <profile>', 'add --profile to every aws call');
  return addStoreOptions(command).action(async (flags: RemediateFlags) => {
    const kinds = flags.findings.map(kindOf);

    await withExistingStore(flags, async (store) => {
      const report = await storedReport(store, { staleAfterDays: flags.staleAfter });
      const inventory = await store.loadInventory();
      const { evidence } = await store.readUsage();
      const plan = planRemediation({ inventory, findings: report.findings, kinds, evidence });

      const meta = { generatedAt: new Date(), region: flags.region, profile: flags.profile };
      const stamp = meta.generatedAt.toISOString().replaceAll(/[:.]/g, '-');
      const backup = renderBackup(plan);
      await mkdir(flags.outDir, { recursive: true });
      const files = {
        revoke: join(flags.outDir, `revoke-${stamp}.sh`),
        backup: join(flags.outDir, `backup-${stamp}.json`),
        restore: join(flags.outDir, `restore-${stamp}.sh`),
      };
      await writeFile(files.revoke, renderRevokeScript(plan, meta), { mode: 0o644 });
      await writeFile(files.backup, `${JSON.stringify(backup, null, 2)}\n`);
      await writeFile(files.restore, renderRestoreScript(backup, meta), { mode: 0o644 });

      console.error(
        `${plan.revocations.length} rules to revoke (${kinds.join(', ')}), ` +
          `${plan.kept.length} redundant rules kept so observed traffic stays allowed, ` +
          `${plan.skipped.length} left alone.`,
      );
      console.error(
        `Review, then run:  bash ${files.revoke}\nUndo with:         bash ${files.restore}`,
      );
    });
  });
}

function kindOf(text: string): RemediationKind {
  if (!(REMEDIATION_KINDS as readonly string[]).includes(text)) {
    throw new StaleSgError(
      'INVALID_ARGUMENT',
      `--findings: expected ${REMEDIATION_KINDS.join(', ')}, found "${text}"`,
    );
  }
  return text as RemediationKind;
}
