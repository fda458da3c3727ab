// The user-data scanner behind secrets.no-plaintext: literals are found, references are not,
// and findings never carry the secret.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeUserData, findPlaintextSecrets } from '../rules/lib/user-data';

const kinds = (text: string) => findPlaintextSecrets(text).map((f) => f.kind);

describe('findPlaintextSecrets', () => {
  it.each([
    ['PGPASSWORD=hunter2 psql -h db', 'secret literal'],
    ['export DB_PASSWORD="hunter2"', 'secret literal'],
    ["password: 'hunter2'", 'secret literal'],
    ['  "password": "hunter2",', 'secret literal'],
    ['# PGPASSWORD=hunter2 (commented out, still shipped)', 'secret literal'],
    ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'secret literal'],
    ['export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE', 'AWS access key id'],
    ['DATABASE_URL=postgres://cloudmart:hunter2@db.internal:5432/cloudmart', 'password in a connection string'],
    ['redis-cli --pass hunter2', 'secret on a command line'],
    ['psql "postgresql://app:s3cr3t@10.0.4.5/db"', 'password in a connection string'],
    ['mysql --password=hunter2', 'secret on a command line'],
    ['API_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz', 'secret literal'],
    ['-----BEGIN RSA PRIVATE KEY-----', 'private key'],
  ])('finds %s', (line, kind) => {
    expect(kinds(line)).toContain(kind);
  });

  it.each([
    'export PGPASSWORD=$(aws secretsmanager get-secret-value --secret-id "$DB_SECRET_ARN" --query SecretString --output text)',
    'export DB_SECRET_ARN=arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:cloudmart/db-AbCdEf',
    'DB_PASSWORD=${DB_PASSWORD}',
    'password: "{{resolve:secretsmanager:cloudmart/db:SecretString:password}}"',
    'DB_PASSWORD=`aws ssm get-parameter --name /cloudmart/db/password --with-decryption --query Parameter.Value --output text`',
    'DB_SECRET_ID=cloudmart/s01/db',
    'PASSWORD_FILE=/run/secrets/db',
    'const password = process.env.DB_PASSWORD;',
    'DATABASE_URL=postgres://cloudmart:${DB_PASSWORD}@db.internal:5432/cloudmart',
    'aws secretsmanager get-secret-value --secret-id cloudmart/db --query SecretString',
    'PASSWORD_AUTH=true',
    'echo "boot done"',
  ])('allows %s', (line) => {
    expect(findPlaintextSecrets(line)).toEqual([]);
  });

  it('masks what it found and gives the line number', () => {
    const found = findPlaintextSecrets('#!/bin/bash\nexport PGPASSWORD=hunter2\nDATABASE_URL=postgres://u:p4ss@h/db\n');
    expect(found).toEqual([
      { line: 2, kind: 'secret literal', where: 'PGPASSWORD=****' },
      { line: 3, kind: 'password in a connection string', where: 'postgres://u:****@' },
    ]);
    expect(JSON.stringify(found)).not.toMatch(/hunter2|p4ss/);
  });
});

describe('decodeUserData', () => {
  it('decodes base64, gzip and base64 MIME parts', () => {
    const script = 'export PGPASSWORD=hunter2\n';
    expect(decodeUserData(Buffer.from(script).toString('base64'))).toBe(script);
    expect(decodeUserData(gzipSync(Buffer.from(script)).toString('base64'))).toBe(script);
    const mime = [
      'Content-Type: multipart/mixed; boundary="B"',
      'MIME-Version: 1.0',
      '',
      '--B',
      'Content-Type: text/x-shellscript; charset="us-ascii"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(script).toString('base64'),
      '--B--',
      '',
    ].join('\n');
    const decoded = decodeUserData(Buffer.from(mime).toString('base64'));
    expect(findPlaintextSecrets(decoded).map((f) => f.where)).toEqual(['PGPASSWORD=****']);
  });
});
