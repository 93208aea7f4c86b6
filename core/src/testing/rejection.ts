/**
 * What a promise was rejected with, for tests of refusals; throws when the promise resolves
 * instead (or rejects with something that is not an Error), so such a test fails saying why.
 */
export async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`expected a rejection with an Error, got ${String(error)}`);
  }
  throw new Error('expected a rejection, but the promise resolved');
}
