/**
 * The demo account, with one group whose name, description, tags and rule
 * descriptions carry markup and script, and one group for each payload of
 * the hardening tests' set (see test/hardening/hostile-content/), run
 * through the real pipeline into a DuckDB store: what the dashboard, the
 * HTML report and the hardening tests look at.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { generateDemo } from '../../src/demo/generate-demo.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import type { StoredReport } from '../../src/pipeline/stored-report.js';
import { addHostileGroups } from '../hardening/hostile-content/hostile-groups.js';

/**
 * Each payload, if it ever ran, would set `window.__hostile`; a page that
 * shows them as text leaves it undefined.
 */
export const HOSTILE = {
  groupName: 'prod-app <script>window.__hostile = "name"</script>',
  groupDescription: '<img src=x onerror="window.__hostile = \'description\'">',
  tagValue: 'javascript:window.__hostile = "tag"',
  ruleDescription: '<a href="javascript:window.__hostile = \'rule\'">open</a> <b>bold</b>',
} as const;

/** The group that gets the payloads: the demo's application servers. */
export const HOSTILE_GROUP_NAME = 'prod-app';

export interface HostileDemoAccount {
  readonly inventoryDir: string;
  readonly flowLogsDir: string;
  /** The id of the group that carries `HOSTILE`. */
  readonly groupId: string;
}

export interface HostileDemoStore extends HostileDemoAccount {
  readonly dbPath: string;
  readonly report: StoredReport;
}

export interface HostileDemoOptions {
  /** Days of flow logs; the demo's 7 by default. One is enough where the history does not matter. */
  readonly days?: number;
}

interface GroupJson {
  GroupId: string;
  GroupName: string;
  Description: string;
  Tags?: { Key: string; Value: string }[];
}

interface RuleJson {
  GroupId: string;
  Description?: string;
}

/** The demo's files in `dir`, with the hostile groups in its inventory. */
export async function hostileDemoAccount(
  dir: string,
  options: HostileDemoOptions = {},
): Promise<HostileDemoAccount> {
  const demo = await generateDemo({ outDir: join(dir, 'demo'), days: options.days });

  const groupsFile = join(demo.inventoryDir, 'security-groups.json');
  const groups = JSON.parse(await readFile(groupsFile, 'utf8')) as { SecurityGroups: GroupJson[] };
  const group = groups.SecurityGroups.find((g) => g.GroupName === HOSTILE_GROUP_NAME);
  if (group === undefined) throw new Error(`the demo has no group ${HOSTILE_GROUP_NAME}`);
  group.GroupName = HOSTILE.groupName;
  group.Description = HOSTILE.groupDescription;
  group.Tags = [
    { Key: 'Name', Value: HOSTILE.groupName },
    { Key: 'runbook', Value: HOSTILE.tagValue },
  ];
  await writeFile(groupsFile, JSON.stringify(groups));

  const rulesFile = join(demo.inventoryDir, 'security-group-rules.json');
  const rules = JSON.parse(await readFile(rulesFile, 'utf8')) as { SecurityGroupRules: RuleJson[] };
  for (const rule of rules.SecurityGroupRules) {
    if (rule.GroupId === group.GroupId) rule.Description = HOSTILE.ruleDescription;
  }
  await writeFile(rulesFile, JSON.stringify(rules));

  await addHostileGroups(demo.inventoryDir);
  return { inventoryDir: demo.inventoryDir, flowLogsDir: demo.flowLogsDir, groupId: group.GroupId };
}

/** The hostile demo account run into a store at `dir/stale-sg.duckdb`. */
export async function hostileDemoStore(
  dir: string,
  options: HostileDemoOptions = {},
): Promise<HostileDemoStore> {
  const account = await hostileDemoAccount(dir, options);
  const dbPath = join(dir, 'stale-sg.duckdb');
  const { report } = await runPipeline({
    inventory: { dir: account.inventoryDir },
    flowLogs: [account.flowLogsDir],
    dbPath,
  });
  return { ...account, dbPath, report };
}
