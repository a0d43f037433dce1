import type { TableIo } from './dynamodb-io.js';
import type { UsageOperation } from './usage-operations.js';

/**
 * Applies one operation of batch `batchId` to its item. The counts are
 * added only if the item's `lastBatch` is not already this batch (see
 * `commitDynamoDbBatch`); the earliest and latest times are then set only
 * where they improve on what is stored, which is the same however often it
 * runs.
 */
export async function applyOperation(
  io: TableIo,
  batchId: string,
  operation: UsageOperation,
): Promise<void> {
  await io.update(operation.key, addition(batchId, operation));

  for (const [name, value] of Object.entries(operation.min)) {
    if (value !== null) await io.update(operation.key, extreme(name, value, '>'));
  }
  for (const [name, value] of Object.entries(operation.max)) {
    if (value !== null) await io.update(operation.key, extreme(name, value, '<'));
  }
}

function addition(batchId: string, operation: UsageOperation) {
  const names: Record<string, string> = { '#kind': 'kind', '#lastBatch': 'lastBatch' };
  const values: Record<string, unknown> = { ':kind': operation.kind, ':batch': batchId };
  const sets = ['#kind = :kind', '#lastBatch = :batch'];
  const adds: string[] = [];

  Object.entries(operation.set).forEach(([name, value], index) => {
    names[`#s${index}`] = name;
    values[`:s${index}`] = value;
    sets.push(`#s${index} = :s${index}`);
  });
  Object.entries(operation.add).forEach(([name, value], index) => {
    names[`#a${index}`] = name;
    values[`:a${index}`] = value;
    adds.push(`#a${index} :a${index}`);
  });

  return {
    UpdateExpression: `SET ${sets.join(', ')}` + (adds.length > 0 ? ` ADD ${adds.join(', ')}` : ''),
    ConditionExpression: 'attribute_not_exists(#lastBatch) OR #lastBatch <> :batch',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/** `SET name = value` unless the stored value is already at least as extreme. */
function extreme(name: string, value: number, replacedWhenStored: '>' | '<') {
  return {
    UpdateExpression: 'SET #field = :value',
    ConditionExpression: `attribute_not_exists(#field) OR #field ${replacedWhenStored} :value`,
    ExpressionAttributeNames: { '#field': name },
    ExpressionAttributeValues: { ':value': value },
  };
}
