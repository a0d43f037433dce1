import fc from 'fast-check';

/** One step into a JSON value: an object key or an array index. */
export type JsonStep = string | number;

/** Every location inside `value`, the root (`[]`) first, depth first. */
export function jsonLocations(value: unknown, at: readonly JsonStep[] = []): JsonStep[][] {
  const inner = Array.isArray(value)
    ? value.flatMap((item, index) => jsonLocations(item, [...at, index]))
    : typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([key, item]) => jsonLocations(item, [...at, key]))
      : [];
  return [[...at], ...inner];
}

/** A change at one location: a new value there, or the key or element removed. */
export type JsonMutation =
  { readonly kind: 'replace'; readonly value: unknown } | { readonly kind: 'remove' };

/**
 * Values that AWS CLI output does not hold where the parsers expect others:
 * wrong kinds, limits, CIDRs and addresses of the other family, near-misses.
 */
const trickyValue = fc.constantFrom<unknown>(
  null,
  '',
  ' ',
  -1,
  0,
  1.5,
  65535,
  65536,
  Infinity, // what JSON.parse makes of 1e400
  true,
  [],
  {},
  [{}],
  '-1',
  'tcp',
  'icmpv6',
  '256',
  '10.0.0.1/8',
  '10.0.0.0/33',
  '0.0.0.0/0',
  '::/0',
  '2001:db8::/129',
  '10.0.0.1',
  'fe80::1',
  'sg-0a1b2c3d4e5f60001',
  'pl-0a1b2c3d4e5f60718',
  '__proto__',
  'x'.repeat(500),
);

export const jsonMutation: fc.Arbitrary<JsonMutation> = fc.oneof(
  { weight: 3, arbitrary: trickyValue.map((value) => ({ kind: 'replace' as const, value })) },
  {
    weight: 2,
    arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value) => ({ kind: 'replace' as const, value })),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'remove' as const }) },
);

/** A copy of `root` with `mutation` applied at `location` (a root cannot be removed: it becomes null). */
export function mutateJson(
  root: unknown,
  location: readonly JsonStep[],
  mutation: JsonMutation,
): unknown {
  const [step, ...rest] = location;
  if (step === undefined) return mutation.kind === 'replace' ? mutation.value : null;

  if (Array.isArray(root)) {
    const copy = [...root];
    if (rest.length === 0 && mutation.kind === 'remove') copy.splice(Number(step), 1);
    else copy[Number(step)] = mutateJson(copy[Number(step)], rest, mutation);
    return copy;
  }

  const copy = { ...(root as Record<string, unknown>) };
  if (rest.length === 0 && mutation.kind === 'remove') delete copy[step];
  else copy[step] = mutateJson(copy[step], rest, mutation);
  return copy;
}

/**
 * The value at a JSON path as the inventory's messages write it (`$`,
 * `.Key`, `["odd key"]`, `[3]`): whether its parent exists, and whether it
 * does. Undefined when the text is no such path.
 */
export function resolveJsonPath(
  root: unknown,
  path: string,
): { readonly parent: boolean; readonly found: boolean } | undefined {
  const steps = parsePath(path);
  if (steps === undefined) return undefined;

  let value: unknown = root;
  for (const [index, step] of steps.entries()) {
    const container = value as Record<string | number, unknown> | null;
    const has =
      typeof container === 'object' && container !== null && Object.hasOwn(container, step);
    if (!has) return { parent: index === steps.length - 1, found: false };
    value = container[step];
  }
  return { parent: true, found: true };
}

const PATH_STEP = /^(?:\.([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/;

function parsePath(path: string): JsonStep[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const steps: JsonStep[] = [];
  for (let rest = path.slice(1); rest !== '';) {
    const match = PATH_STEP.exec(rest);
    if (match === null) return undefined;
    const [whole, key, index, quoted] = match;
    steps.push(key ?? (index !== undefined ? Number(index) : (JSON.parse(quoted!) as string)));
    rest = rest.slice(whole.length);
  }
  return steps;
}
