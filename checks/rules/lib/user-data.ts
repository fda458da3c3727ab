// Reading EC2 user data (base64, maybe gzip, maybe MIME multipart) and finding secrets written
// into it as literals. References to Secrets Manager or SSM, shell variables and command
// substitutions are not literals. Findings never carry the secret itself, only where it is.
import { gunzipSync } from 'node:zlib';

/** The user data as text (base64 decoded, gunzipped, MIME base64 parts decoded and appended). */
export function decodeUserData(base64: string): string {
  let bytes: Buffer = Buffer.from(base64, 'base64');
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  let text = bytes.toString('utf8');
  // MIME parts sent as base64 (cloud-init multipart): decode them so their lines are scanned too.
  const parts = [...text.matchAll(/Content-Transfer-Encoding:\s*base64[^\n]*\n(?:[^\n]+\n)*?\r?\n([A-Za-z0-9+/=\r\n]+)/gi)];
  for (const part of parts) text += `\n${Buffer.from(part[1]!.replace(/\s+/g, ''), 'base64').toString('utf8')}`;
  return text;
}

export interface SecretFinding {
  line: number;
  kind: string;
  /** What was found, with the secret masked: "PGPASSWORD=****". */
  where: string;
}

export interface Reference {
  line: number;
  text: string;
}

const SECRET_WORD = /(pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credentials?)/i;
/** Keys that name where a secret lives, not the secret: DB_SECRET_ARN, PASSWORD_FILE, ... */
const REFERENCE_SUFFIX = 'arn|id|name|path|file|param|parameter|ref|region|length|policy|rotation|url|uri|endpoint|host|port|user|username|type|version|enabled|auth';
const REFERENCE_KEY = new RegExp(`(?:^|[_.-])(?:${REFERENCE_SUFFIX})$`, 'i');
const REFERENCE_KEY_CAMEL = new RegExp(`[a-z](?:${REFERENCE_SUFFIX.split('|').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('|')})$`);
const ASSIGNMENT =
  /(?:^|[\s;'"{,(]|export\s+)["']?([A-Za-z0-9_.-]*?(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credentials?)[A-Za-z0-9_.-]*)["']?\s*(?:=|:)\s*(.*)$/i;
const FLAG = /(?:^|\s)--?((?:[a-z]+-)*(?:password|passwd|pass|secret|token|api-key))(?:=|\s+)(\S+)/i;
const CONNECTION = /\b[a-z][a-z0-9+.-]*:\/\/([^\s:@/'"]+):([^\s@/'"]+)@/i;
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/;
const PRIVATE_KEY = /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/;
const SECRET_STORE = /(secretsmanager|get-secret-value|ssm[: ]|get-parameter|\{\{resolve:(?:secretsmanager|ssm-secure))/i;

/** The first token of an assignment's right-hand side, without quotes. */
function firstValue(rest: string): string {
  const trimmed = rest.trim();
  const quote = trimmed[0];
  if (quote === '"' || quote === "'") {
    const end = trimmed.indexOf(quote, 1);
    return end === -1 ? trimmed.slice(1) : trimmed.slice(1, end);
  }
  return /^[^\s;,'"}]*/.exec(trimmed)?.[0] ?? '';
}

/** Is this value a reference or a non-secret (variable, command, ARN, placeholder, boolean...)? */
export function isReference(value: string): boolean {
  const v = value.trim();
  if (v === '' || v === '-' || /^\*+$/.test(v)) return true;
  if (v.startsWith('$') || v.startsWith('`') || v.startsWith('%')) return true;
  if (/^<.*>$/.test(v) || /^\{\{.*\}\}$/.test(v)) return true;
  if (/^arn:aws/.test(v)) return true;
  if (/^(process\.env|os\.environ|os\.getenv|env\.|getenv\()/.test(v)) return true;
  if (/^(true|false|null|none|yes|no|required|optional)$/i.test(v)) return true;
  return SECRET_STORE.test(v);
}

export function findPlaintextSecrets(text: string): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (PRIVATE_KEY.test(raw)) findings.push({ line, kind: 'private key', where: raw.trim().slice(0, 40) });
    if (ACCESS_KEY_ID.test(raw)) findings.push({ line, kind: 'AWS access key id', where: raw.replace(ACCESS_KEY_ID, (m) => `${m.slice(0, 4)}****`).trim().slice(0, 80) });
    const connection = CONNECTION.exec(raw);
    if (connection && !isReference(connection[2]!)) findings.push({ line, kind: 'password in a connection string', where: `${connection[0].replace(`:${connection[2]}@`, ':****@')}` });
    const flag = FLAG.exec(raw);
    if (flag && !isReference(flag[2]!.replace(/^['"]|['"]$/g, ''))) findings.push({ line, kind: 'secret on a command line', where: `--${flag[1]} ****` });
    const assignment = ASSIGNMENT.exec(raw);
    // A commented-out line still ships the secret in the user data: comments are scanned too.
    if (assignment && !flag) {
      const key = assignment[1]!;
      const value = firstValue(assignment[2]!);
      if (SECRET_WORD.test(key) && !REFERENCE_KEY.test(key) && !REFERENCE_KEY_CAMEL.test(key) && !isReference(value) && !CONNECTION.test(assignment[2]!)) {
        findings.push({ line, kind: 'secret literal', where: `${key}=****` });
      }
    }
  });
  return findings;
}

/** Lines that fetch secrets from Secrets Manager or SSM (evidence that credentials are not inline). */
export function secretReferences(text: string): Reference[] {
  return text
    .split(/\r?\n/)
    .map((t, i) => ({ line: i + 1, text: t.trim() }))
    .filter((l) => SECRET_STORE.test(l.text) || /arn:aws[a-z-]*:(secretsmanager|ssm):/.test(l.text))
    .map((l) => ({ line: l.line, text: l.text.slice(0, 120) }));
}
