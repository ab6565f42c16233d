import type { Simulation, SimulationResult } from '@ballast/contracts';
import { lazy, Suspense } from 'react';
import { ErrorBoundary } from '../../../components/error-boundary';
import { Loading } from '../../../components/states';
import { formatCount } from '../../../lib/format';
import { ExportButtons } from './export-buttons';
import { MetricsTable } from './metrics-table';
import { SimulatedTradesTable } from './simulated-trades-table';

/** The chart library comes with the result, in its own chunk: not with the console's first page. */
const SimulationCharts = lazy(() => import('./simulation-charts'));

function RunCounts({ result }: { result: SimulationResult }) {
  return (
    <p className="muted small">
      {formatCount(result.evaluations)} bars evaluated, {formatCount(result.skips)} skipped (provably no
      change), {formatCount(result.anchor_resets)} anchor resets.
    </p>
  );
}

/** A finished simulation: the charts, the metrics against buy-and-hold, every trade, and the exports. */
export function SimulationResultView({
  simulation,
  result,
}: {
  simulation: Simulation;
  result: SimulationResult;
}) {
  return (
    <>
      <section className="card" aria-labelledby="sim-charts-title">
        <h2 id="sim-charts-title">Price, anchor, triggers and fills; equity; allocation</h2>
        {result.series.length < 2 ? (
          <p className="muted">Too few points to draw.</p>
        ) : (
          <ErrorBoundary resetKey={simulation.id}>
            <Suspense fallback={<Loading what="the charts" />}>
              <SimulationCharts result={result} />
            </Suspense>
          </ErrorBoundary>
        )}
      </section>
      <section className="card" aria-labelledby="sim-metrics-title">
        <h2 id="sim-metrics-title">Metrics</h2>
        <MetricsTable metrics={result.metrics} buyAndHold={result.buy_and_hold} />
        <RunCounts result={result} />
      </section>
      <section className="card" aria-labelledby="sim-trades-title">
        <div className="card-head">
          <h2 id="sim-trades-title">Trades</h2>
          <ExportButtons simulation={simulation} />
        </div>
        <SimulatedTradesTable trades={result.trades} />
      </section>
    </>
  );
}
