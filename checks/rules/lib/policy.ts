// Reading IAM-style policy documents (bucket policies, role policies): statements as a list,
// principals and condition values normalised, keys compared the way IAM does (case-insensitive).
import { asList } from './match';

export interface Statement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** The statements of a policy document (JSON text); throws on text that is not a policy. */
export function parsePolicy(text: string): Statement[] {
  const doc = JSON.parse(text) as { Statement?: unknown };
  const statements = doc.Statement;
  if (statements === undefined) return [];
  return (Array.isArray(statements) ? statements : [statements]).filter((s): s is Statement => typeof s === 'object' && s !== null);
}

export interface Principals {
  everyone: boolean;
  aws: string[];
  service: string[];
  canonicalUser: string[];
  federated: string[];
}

export function principalsOf(statement: Statement): Principals {
  const p = statement.Principal;
  if (p === '*') return { everyone: true, aws: ['*'], service: [], canonicalUser: [], federated: [] };
  const obj = (typeof p === 'object' && p !== null ? p : {}) as Record<string, unknown>;
  const aws = asList(obj.AWS);
  return {
    everyone: aws.includes('*'),
    aws,
    service: asList(obj.Service),
    canonicalUser: asList(obj.CanonicalUser),
    federated: asList(obj.Federated),
  };
}

/** Values of a condition key across operators, e.g. every AWS:SourceArn value and its operator. */
export function conditionValues(statement: Statement, key: string): { operator: string; values: string[] }[] {
  const out: { operator: string; values: string[] }[] = [];
  for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
    for (const [k, v] of Object.entries(block ?? {})) {
      if (k.toLowerCase() === key.toLowerCase()) out.push({ operator, values: asList(v) });
    }
  }
  return out;
}
