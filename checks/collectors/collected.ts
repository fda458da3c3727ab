// Helpers every collector uses: run a call and turn its failure into "not collected"
// (or end the run for credential/endpoint failures), gather pages, derive datasets.
import { UnreachableError } from '../../contract/errors';
import { classifyAwsError, failureReason } from '../aws/errors';
import { serialize } from '../inventory/serialize';
import type { Collected, Serialized } from '../../contract/inventory';

export function collected<T>(data: T): Collected<T> {
  return { status: 'collected', data };
}

export function notCollected<T>(operation: string, reason: string): Collected<T> {
  return { status: 'not-collected', operation, reason };
}

/**
 * Runs `fn`, which calls `operation` (and maybe more of the same service). A failure
 * becomes not-collected with one sentence; expired or invalid credentials and an
 * unreachable endpoint end the whole run instead (UnreachableError, exit 3).
 */
export async function attempt<T>(operation: string, fn: () => Promise<T>): Promise<Collected<T>> {
  try {
    return collected(await fn());
  } catch (error) {
    const failure = classifyAwsError(error);
    if (error instanceof UnreachableError) throw error;
    if (failure.kind === 'credentials') {
      throw new UnreachableError(`AWS rejected the credentials while calling ${operation} (${failure.code}); refresh them and run again.`, { cause: error });
    }
    if (failure.kind === 'unreachable') {
      throw new UnreachableError(`Lost the connection to AWS while calling ${operation} (${failure.code}); check the endpoint and your network.`, { cause: error });
    }
    return notCollected(operation, failureReason(failure, operation));
  }
}

/** Every item of every page of a paginated call. */
export async function allPages<P, I>(pages: AsyncIterable<P>, items: (page: P) => I[] | undefined): Promise<I[]> {
  const out: I[] = [];
  for await (const page of pages) out.push(...(items(page) ?? []));
  return out;
}

/** A dataset computed from another: not collected when its source is not. */
export function derive<A, T>(source: Collected<A>, fn: (data: A) => T): Collected<T> {
  return source.status === 'collected' ? collected(fn(source.data)) : source;
}

/** Like derive, over two sources (the first failure wins). */
export function derive2<A, B, T>(a: Collected<A>, b: Collected<B>, fn: (a: A, b: B) => T): Collected<T> {
  if (a.status !== 'collected') return a;
  if (b.status !== 'collected') return b;
  return collected(fn(a.data, b.data));
}

/** The data, or an empty fallback when not collected (for graph following, never for grading). */
export function dataOr<T>(source: Collected<T>, fallback: T): T {
  return source.status === 'collected' ? source.data : fallback;
}

/** A collected SDK value made JSON-safe. */
export function serialized<T>(source: Collected<T>): Collected<Serialized<T>> {
  return source.status === 'collected' ? collected(serialize(source.data)) : source;
}
