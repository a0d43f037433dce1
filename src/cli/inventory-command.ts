import { Command } from 'commander';
import { collectInventory } from '../aws/collect-inventory.js';
import type { CollectedInventory } from '../aws/collected-inventory.js';
import { writeInventoryDir } from '../aws/write-inventory-dir.js';
import { StaleSgError } from '../errors.js';
import { COMMAND_SUMMARIES } from './command-summaries.js';
import { terminalText } from './terminal.js';

export interface CollectFlags {
  readonly regions?: string[];
  readonly roleArn?: string;
  readonly externalId?: string;
  readonly profile?: string;
}

export function inventoryCommand(): Command {
  const inventory = new Command('inventory')
    .summary(COMMAND_SUMMARIES.inventory)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');

  inventory
    .command('collect')
    .summary('write the inventory of an account, from the EC2 API, as AWS CLI exports')
    .description(
      'Collects security groups, security group rules, network interfaces and the managed ' +
        'prefix lists that rules reference, with read-only calls, and writes them in the ' +
        'layout that `stale-sg analyze --inventory` reads, so collected and exported ' +
        'inventories are interchangeable. Credentials come from the default chain ' +
        '(environment, profiles, SSO, instance and container roles), --profile, or --role-arn.',
    )
    .requiredOption('--out <dir>', 'directory to write the AWS CLI JSON files to')
    .option('--regions <region...>', 'regions to collect, or "all" for every enabled region')
    .option('--role-arn <arn>', 'assume this role (another account) for the calls')
    .option('--external-id <id>', 'external id for --role-arn')
    .option('--profile <name>', 'use this profile of the AWS config files')
    .action(async (flags: CollectFlags & { readonly out: string }) => {
      const collected = await collect(flags);
      const written = await writeInventoryDir(collected, flags.out);
      console.error(`Wrote ${written.files.length} files to ${flags.out}`);
    });
  return inventory;
}

/**
 * Collects the inventory as the flags say, reports failed regions on stderr,
 * and fails when no region could be collected.
 */
export async function collect(flags: CollectFlags): Promise<CollectedInventory> {
  const regions =
    flags.regions === undefined || flags.regions.includes('all') ? 'all' : flags.regions;
  const collected = await collectInventory({
    regions,
    roleArn: flags.roleArn,
    externalId: flags.externalId,
    profile: flags.profile,
    onProgress: (message) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${message}\u001b[K`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\r\u001b[K');

  for (const error of collected.errors) console.error(`warning: ${terminalText(error.message)}`);
  const collectedRegions = collected.accounts.reduce(
    (sum, account) => sum + account.regions.length,
    0,
  );
  if (collectedRegions === 0) {
    throw new StaleSgError(
      'INVALID_ARGUMENT',
      'no region could be collected; see the warnings above',
    );
  }
  return collected;
}
