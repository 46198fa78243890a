import { ClientError } from '@reco/client';
import { describe, expect, it } from 'vitest';
import { describeError } from './messages';

const problem = (type: string, status: number) =>
  new ClientError('problem', 'detail from the API', {
    status,
    problem: {
      type: `urn:reco:problem:${type}`,
      title: 't',
      status,
      detail: 'detail from the API',
      instance: '/',
      requestId: 'r',
    },
  });

describe('describeError', () => {
  it('names an unknown user, a missing report and a server that is down', () => {
    expect(describeError(problem('unknown-user', 404), { userId: 123456 })).toEqual({
      text: "user 123456 is not in this model's training data",
      retry: false,
    });
    expect(describeError(problem('report-missing', 404)).text).toMatch(/reco train/);
    expect(describeError(new ClientError('unreachable', 'no answer')).retry).toBe(true);
    expect(describeError(problem('about:blank', 500)).retry).toBe(true);
  });
});
