// Child process: loads GET /v1/trading/worker/status with autocannon and prints the latency figures.
// A separate process, so the load generator never competes with the server for its event loop.
import autocannon from 'autocannon';

const [url, seconds, rate] = process.argv.slice(2);
const result = await autocannon({
  url,
  duration: Number(seconds),
  connections: 8,
  overallRate: Number(rate),
});
process.stdout.write(
  JSON.stringify({
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
  }),
);
