// Child process: a steady load on one URL — `connections` keep-alive clients, each sending its next
// request a fixed interval after the previous one was sent (or at once if that one took longer) —
// and the latency of every request. A separate process, so it never competes for the server's thread.
// Authenticated as the bench's API token (BENCH_AUTHORIZATION), as a real client is.
import http from 'node:http';

const [url, seconds, rate, connections = '8'] = process.argv.slice(2);
const clients = Number(connections);
const intervalMs = (1000 * clients) / Number(rate);
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const latencies = [];
let errors = 0;
const until = performance.now() + Number(seconds) * 1000;

function get() {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.get(
      url,
      { agent, headers: { authorization: process.env.BENCH_AUTHORIZATION ?? '' } },
      (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) errors += 1;
          latencies.push(performance.now() - started);
          resolve();
        });
      },
    );
    req.on('error', () => {
      errors += 1;
      resolve();
    });
  });
}

async function client(offsetMs) {
  await new Promise((resolve) => setTimeout(resolve, offsetMs));
  while (performance.now() < until) {
    const started = performance.now();
    await get();
    const wait = intervalMs - (performance.now() - started);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

await Promise.all(Array.from({ length: clients }, (_, i) => client((i * intervalMs) / clients)));
agent.destroy();
latencies.sort((a, b) => a - b);
const at = (q) =>
  Number((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(1));
process.stdout.write(
  JSON.stringify({
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: at(1),
    requests: latencies.length,
    errors,
    non2xx: 0,
  }),
);
