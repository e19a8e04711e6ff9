// The load generator, run as its own process so it does not share an event loop with the server
// under test: `node --import tsx bench/lib/load-child.ts '<json options>'`; prints one JSON line.
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  /** Default GET; with `body`, the same body on every request. */
  method?: 'GET' | 'POST';
  body?: string;
}

export interface LoadResult {
  requestsPerSecondMean: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMeanMs: number;
  latencyMaxMs: number;
  completed: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  durationS: number;
  loadgenCpuMs: number;
}

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
process.stdout.write('start\n');
const cpuBefore = process.cpuUsage();
const result = await autocannon({
  url: options.url,
  connections: options.connections,
  duration: options.seconds,
  headers: options.headers,
  ...(options.method ? { method: options.method } : {}),
  ...(options.body !== undefined ? { body: options.body } : {}),
  timeout: 10,
});
const cpu = process.cpuUsage(cpuBefore);
const statusCodes: Record<string, number> = {};
for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
const out: LoadResult = {
  requestsPerSecondMean: result.requests.mean,
  latencyP50Ms: result.latency.p50,
  latencyP99Ms: result.latency.p99,
  latencyMeanMs: result.latency.mean,
  latencyMaxMs: result.latency.max,
  completed: result.requests.total,
  ok2xx: result['2xx'],
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  statusCodes,
  durationS: result.duration,
  loadgenCpuMs: (cpu.user + cpu.system) / 1000,
};
process.stdout.write(`${JSON.stringify(out)}\n`);
