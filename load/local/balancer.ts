// The rehearsal's load balancer: an HTTP proxy on 127.0.0.1 that behaves like an ALB in
// front of a target group, with the same states and reasons as DescribeTargetHealth.
// - round robin over healthy targets (fail open to all registered ones when none is
//   healthy, as an ALB does);
// - health checks on every target (GET /healthz), healthy after `healthyThreshold`
//   passes and unhealthy after `unhealthyThreshold` failures;
// - 502 when a target refuses or drops the connection, 504 when it does not answer in
//   time, 503 when there is no target at all;
// - deregistration drains: no new requests, the ones in flight finish.
// It also counts requests per target, the metric a target-tracking policy on
// ALBRequestCountPerTarget scales on.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { nowMs } from '../clock';
import type { TargetHealth } from '../target';

export interface BalancerTarget {
  id: string;
  port: number;
}

export interface BalancerOptions {
  port?: number;
  healthPath?: string;
  healthIntervalMs?: number;
  healthTimeoutMs?: number;
  healthyThreshold?: number;
  unhealthyThreshold?: number;
  /** An answer slower than this is a 504. */
  targetTimeoutMs?: number;
  /** How long a deregistered target drains before it is forgotten. */
  drainMs?: number;
}

type State = 'initial' | 'healthy' | 'unhealthy' | 'draining';

interface Member extends BalancerTarget {
  state: State;
  reason?: string;
  passes: number;
  failures: number;
  inFlight: number;
  /** Request start times (epoch ms) over the last minute, for the request-count metric. */
  recent: number[];
  checking: boolean;
}

export class LocalBalancer {
  private server: http.Server | undefined;
  private readonly members = new Map<string, Member>();
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  private readonly options: Required<BalancerOptions>;
  private checker: NodeJS.Timeout | undefined;
  private next = 0;
  private boundPort = 0;

  constructor(options: BalancerOptions = {}) {
    this.options = {
      port: options.port ?? 0,
      healthPath: options.healthPath ?? '/healthz',
      healthIntervalMs: options.healthIntervalMs ?? 1000,
      healthTimeoutMs: options.healthTimeoutMs ?? 1000,
      healthyThreshold: options.healthyThreshold ?? 2,
      unhealthyThreshold: options.unhealthyThreshold ?? 2,
      targetTimeoutMs: options.targetTimeoutMs ?? 30_000,
      drainMs: options.drainMs ?? 2000,
    };
  }

  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `http://127.0.0.1:${this.boundPort}`;
  }

  async start(): Promise<string> {
    const server = http.createServer((request, response) => this.route(request, response));
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.boundPort = (server.address() as AddressInfo).port;
    this.checker = setInterval(() => this.checkAll(), this.options.healthIntervalMs);
    return this.url;
  }

  register(target: BalancerTarget): void {
    this.members.set(target.id, { ...target, state: 'initial', reason: 'Elb.RegistrationInProgress', passes: 0, failures: 0, inFlight: 0, recent: [], checking: false });
    void this.check(this.members.get(target.id)!);
  }

  /** Stops sending new requests to the target; it is forgotten after the drain time. */
  deregister(id: string): void {
    const member = this.members.get(id);
    if (!member || member.state === 'draining') return;
    member.state = 'draining';
    member.reason = 'Target.DeregistrationInProgress';
    setTimeout(() => {
      if (this.members.get(id) === member) this.members.delete(id);
    }, this.options.drainMs).unref();
  }

  health(): TargetHealth[] {
    return [...this.members.values()].map((m) => ({ id: m.id, port: m.port, state: m.state, ...(m.reason ? { reason: m.reason } : {}) }));
  }

  /** Requests per target over the last `windowMs`, per second, averaged over healthy targets. */
  requestRatePerTarget(windowMs = 5000): { perTarget: number; total: number; healthy: number } {
    const since = nowMs() - windowMs;
    let total = 0;
    let healthy = 0;
    for (const member of this.members.values()) {
      member.recent = member.recent.filter((t) => t >= nowMs() - 60_000);
      total += member.recent.filter((t) => t >= since).length;
      if (member.state === 'healthy') healthy += 1;
    }
    const perSecond = total / (windowMs / 1000);
    return { perTarget: healthy > 0 ? perSecond / healthy : perSecond, total: perSecond, healthy };
  }

  async close(): Promise<void> {
    clearInterval(this.checker);
    const server = this.server;
    this.server = undefined;
    this.agent.destroy();
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private pick(): Member | undefined {
    const all = [...this.members.values()].filter((m) => m.state !== 'draining');
    const healthy = all.filter((m) => m.state === 'healthy');
    // An ALB fails open: with no healthy target it routes to all registered ones.
    const pool = healthy.length > 0 ? healthy : all.filter((m) => m.state === 'unhealthy');
    if (pool.length === 0) return undefined;
    this.next = (this.next + 1) % pool.length;
    return pool[this.next];
  }

  private route(request: http.IncomingMessage, response: http.ServerResponse): void {
    const member = this.pick();
    if (!member) {
      request.resume();
      response.writeHead(503, { 'content-type': 'text/plain' }).end('503 Service Temporarily Unavailable: no registered target\n');
      return;
    }
    member.recent.push(nowMs());
    member.inFlight += 1;
    let answered = false;
    const fail = (status: number, text: string): void => {
      if (answered) return;
      answered = true;
      if (!response.headersSent) response.writeHead(status, { 'content-type': 'text/plain', connection: 'close' }).end(`${status} ${text}\n`);
      else response.destroy();
    };
    const upstream = http.request(
      { host: '127.0.0.1', port: member.port, method: request.method, path: request.url, headers: { ...request.headers, 'x-forwarded-for': request.socket.remoteAddress ?? '127.0.0.1' }, agent: this.agent },
      (answer) => {
        answered = true;
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
        answer.on('error', () => response.destroy());
      },
    );
    upstream.setTimeout(this.options.targetTimeoutMs, () => {
      upstream.destroy();
      fail(504, 'Gateway Time-out');
    });
    upstream.on('error', () => fail(502, 'Bad Gateway'));
    upstream.on('close', () => {
      member.inFlight -= 1;
    });
    request.pipe(upstream);
  }

  private checkAll(): void {
    for (const member of this.members.values()) void this.check(member);
  }

  private async check(member: Member): Promise<void> {
    if (member.checking || member.state === 'draining') return;
    member.checking = true;
    const result = await probe(member.port, this.options.healthPath, this.options.healthTimeoutMs);
    member.checking = false;
    if (this.members.get(member.id) !== member || (member.state as State) === 'draining') return;
    if (result === 'ok') {
      member.failures = 0;
      member.passes += 1;
      if (member.state !== 'healthy' && member.passes >= this.options.healthyThreshold) {
        member.state = 'healthy';
        delete member.reason;
      }
    } else {
      member.passes = 0;
      member.failures += 1;
      const reason = result === 'timeout' ? 'Target.Timeout' : result === 'status' ? 'Target.ResponseCodeMismatch' : 'Target.FailedHealthChecks';
      if (member.failures >= this.options.unhealthyThreshold) {
        member.state = 'unhealthy';
        member.reason = reason;
      }
    }
  }
}

function probe(port: number, path: string, timeoutMs: number): Promise<'ok' | 'timeout' | 'status' | 'error'> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path, agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode === 200 ? 'ok' : 'status');
    });
    request.on('timeout', () => {
      request.destroy();
      resolve('timeout');
    });
    request.on('error', () => resolve('error'));
  });
}
