// SDK output -> inventory item: Dates become ISO strings, `$metadata` and undefined
// members are dropped, so the value equals itself after a JSON round-trip (the snapshot).
import type { Serialized } from '../../contract/inventory';

export function serialize<T>(value: T): Serialized<T> {
  return convert(value) as Serialized<T>;
}

function convert(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(convert);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      if (key === '$metadata' || member === undefined) continue;
      out[key] = convert(member);
    }
    return out;
  }
  return value;
}
