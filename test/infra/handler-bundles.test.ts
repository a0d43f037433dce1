import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const HANDLERS = ['collect', 'merge', 'notify', 'failure'];

const entry = (name: string) =>
  fileURLToPath(new URL(`../../infra/handlers/${name}.ts`, import.meta.url));

describe('the stage handler bundles', () => {
  // The library's DuckDB engine is native code for the machine that installed it;
  // the stages run on Lambda's arm64 and must reach only the DynamoDB store.
  it.each(HANDLERS)(
    '%s bundles without DuckDB, whose native module a Lambda bundle cannot carry',
    async (name) => {
      const result = await build({
        entryPoints: [entry(name)],
        bundle: true,
        platform: 'node',
        format: 'esm',
        write: false,
        // Native modules stay out, so that pulling DuckDB in fails the assertion below
        // with the packages' names rather than the build with an unresolvable binary.
        external: ['@aws-sdk/*', '*.node'],
        metafile: true,
        logLevel: 'silent',
      });

      const inputs = Object.keys(result.metafile.inputs);
      const duckDbPackages = new Set(inputs.flatMap((input) => /@duckdb\/[^/]+/.exec(input) ?? []));
      expect(inputs.some((input) => input.endsWith('src/deploy/stages.ts'))).toBe(true);
      expect([...duckDbPackages]).toEqual([]);
    },
  );
});
