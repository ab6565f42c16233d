/**
 * The trading thread of `ballast serve`: the worker, the orchestrator and their own database connection.
 * SQLite calls are synchronous and a durable commit waits for the disk, so trading runs here and the API
 * thread stays free to answer while a cycle is in progress.
 */
import { parentPort } from 'node:worker_threads';
import { createLogger } from '../adapters/logging/create-logger.js';
import { AppError } from '../application/app-error.js';
import { loadConfig } from '../config.js';
import { createEngine } from '../container.js';
import type { PositionId } from '../domain/ids.js';
import type { FromTradingThread, ToTradingThread } from './trading-thread-messages.js';

const port = parentPort!;
const send = (message: FromTradingThread) => port.postMessage(message);
const config = loadConfig(process.env);
const logger = createLogger(config.log);
const engine = await createEngine(config, logger, {
  withWorker: true,
  seedDemo: false,
  onSnapshot: (snapshot) => send({ kind: 'snapshot', snapshot }),
});
const worker = engine.worker!;

async function runCycle(message: Extract<ToTradingThread, { kind: 'runCycle' }>): Promise<void> {
  const options = { source: 'api/manual' as const, actor: message.actor };
  try {
    const result = message.positionId
      ? await engine.orchestrator.runCycleForPosition(message.positionId as PositionId, options)
      : await engine.orchestrator.runCycle(options);
    send({ kind: 'result', id: message.id, result });
  } catch (error) {
    const e =
      error instanceof AppError
        ? { code: error.code, message: error.message, details: error.details }
        : { message: error instanceof Error ? error.message : String(error) };
    send({ kind: 'failed', id: message.id, error: e });
  }
}

port.on('message', (message: ToTradingThread) => {
  if (message.kind === 'runCycle') void runCycle(message);
  else if (message.kind === 'refresh') void worker.refresh();
  else if (message.kind === 'stop') {
    void (async () => {
      await worker.stop(message.reason);
      await engine.close();
      send({ kind: 'stopped' });
      port.close();
    })();
  }
});

await worker.start();
send({ kind: 'ready', snapshot: worker.snapshot() });
