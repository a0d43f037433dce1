import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every TypeScript file under `dir`, recursively. */
async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
      return entry.name.endsWith('.ts') ? [path] : [];
    }),
  );
  return nested.flat();
}

/** The names each file imports from the EC2 client, by file. */
async function ec2Imports(): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const files = [
    ...(await sourceFiles(join(ROOT, 'src'))),
    ...(await sourceFiles(join(ROOT, 'infra'))),
  ];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    for (const match of text.matchAll(
      /import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'@aws-sdk\/client-ec2'/g,
    )) {
      const names = (match[1] ?? '')
        .split(',')
        .map((name) => name.replace(/^\s*type\s+/, '').trim())
        .filter((name) => name !== '');
      found.set(relative(ROOT, file), [...(found.get(relative(ROOT, file)) ?? []), ...names]);
    }
  }
  return found;
}

describe('stale-sg never changes a security group', () => {
  it('calls only Describe and Get operations of the EC2 API, in the tool and the deployment', async () => {
    const imports = await ec2Imports();
    const operations = [...imports.values()]
      .flat()
      .filter((name) => /Command$|^paginate/.test(name));

    // The collector is found: the scan is not looking at an empty tree.
    expect(operations).toContain('paginateDescribeSecurityGroupRules');
    for (const operation of operations) {
      expect(operation, `an EC2 write: ${operation}`).toMatch(/^(?:paginate)?(?:Describe|Get)/);
    }
  });

  it('has no EC2 write anywhere in its code, under any spelling of the import', async () => {
    const writes =
      /\b(?:Authorize|Revoke|Modify|Create|Delete|Update)SecurityGroup\w*Command\b|\bModifyNetworkInterfaceAttribute\w*Command\b/;
    const files = [
      ...(await sourceFiles(join(ROOT, 'src'))),
      ...(await sourceFiles(join(ROOT, 'infra'))),
    ];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      expect(writes.exec(text)?.[0], relative(ROOT, file)).toBeUndefined();
    }
  });
});
