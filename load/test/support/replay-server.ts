// Replays recorded AWS wire responses (fixtures/recorded/<scenario>/) to the real SDK
// clients: a loopback HTTP server that answers each query-protocol request with the
// file named after its Action, filling in the {{now}} / {{now±Ns}} timestamps. It
// records the actions it was asked for, so a test can check what the client did.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readBody, startHttpServer, type TestServer } from './http-server';

export const RECORDED = path.resolve(import.meta.dirname, '../../../fixtures/recorded');

export interface ReplayServer extends TestServer {
  /** The actions requested, in order, with their parameters. */
  requests: { action: string; params: Record<string, string> }[];
}

function fillTimes(text: string): string {
  return text.replace(/\{\{now(?:([+-])(\d+)s)?\}\}/g, (_m, sign: string | undefined, seconds: string | undefined) => {
    const offset = seconds ? Number(seconds) * 1000 * (sign === '-' ? -1 : 1) : 0;
    return new Date(Date.now() + offset).toISOString();
  });
}

export async function startReplayServer(scenario: string): Promise<ReplayServer> {
  const folder = path.join(RECORDED, scenario);
  const requests: ReplayServer['requests'] = [];
  const server = await startHttpServer(async (req, res) => {
    const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const action = params.Action ?? 'unknown';
    requests.push({ action, params });
    const file = path.join(folder, `${action}.xml`);
    if (!existsSync(file)) {
      res.writeHead(400, { 'content-type': 'text/xml' }).end(
        `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>No recorded response for ${action} in ${scenario}</Message></Error><RequestId>replay</RequestId></ErrorResponse>`,
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': 'replay' }).end(fillTimes(readFileSync(file, 'utf8')));
  });
  return Object.assign(server, { requests });
}
