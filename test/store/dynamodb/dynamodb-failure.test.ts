import { describe, expect, it } from 'vitest';
import { dynamoDbFailure } from '../../../src/store/dynamodb/dynamodb-failure.js';

/** An error as the SDK throws it for an AWS answer: a name, a message, response metadata. */
function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });
}

const ARN = 'arn:aws:iam::123456789012:user/alice';

describe('dynamoDbFailure', () => {
  const throttled =
    'DynamoDB throttled dynamodb:UpdateItem on the table usage even after retries; ' +
    'run again later, nothing recorded is lost';

  it.each([
    [
      'ResourceNotFoundException',
      'the DynamoDB table usage does not exist; create it or pass --create-tables',
    ],
    [
      'AccessDeniedException',
      'dynamodb:UpdateItem on the table usage was denied; grant dynamodb:UpdateItem on usage',
    ],
    ['ProvisionedThroughputExceededException', throttled],
    ['ThrottlingException', throttled],
    ['ValidationException', 'dynamodb:UpdateItem on the table usage failed: ValidationException'],
  ])('%s becomes one line, without the caller named', (name, message) => {
    const failure = dynamoDbFailure(
      awsError(name, `User: ${ARN} is not authorized`),
      'UpdateItem',
      'usage',
    );
    expect(failure).toMatchObject({ code: 'STORE_FAILURE', message });
    expect(failure.message).not.toContain(ARN);
  });

  it('keeps the message of an error that never reached AWS', () => {
    const failure = dynamoDbFailure(
      new Error('connect ECONNREFUSED 127.0.0.1:1'),
      'GetItem',
      'rules',
    );
    expect(failure.message).toBe(
      'dynamodb:GetItem on the table rules failed: connect ECONNREFUSED 127.0.0.1:1',
    );
  });
});
