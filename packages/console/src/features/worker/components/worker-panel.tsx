import type { WorkerStatus } from '@ballast/contracts';
import { useQuery } from '@tanstack/react-query';
import { QueryView } from '../../../components/states';
import { Switch } from '../../../components/switch';
import { Time } from '../../../components/time';
import { useEngineAction } from '../../../lib/actions';
import { formatCount, formatDuration, plural } from '../../../lib/format';
import { Link } from '../../../lib/router';
import { IfCan } from '../../../lib/session';
import { useNow } from '../../../lib/use-now';
import { isHeartbeatStale, updateWorker, workerStatusQuery } from '../api/worker-api';
import { IntervalEditor } from './interval-editor';
import { RunNowButton } from './run-now-button';

function Heartbeat({ status, now }: { status: WorkerStatus; now: number }) {
  const stale = isHeartbeatStale(status, now);
  return (
    <span className={stale ? 'warn' : undefined}>
      <Time iso={status.heartbeat_at} relative now={now} />
      {stale && (
        <strong>
          {' '}
          stale: no heartbeat for more than {status.heartbeat_stale_after_seconds} s — the worker process is
          gone or stuck
        </strong>
      )}
    </span>
  );
}

function EnableSwitch({ status }: { status: WorkerStatus }) {
  const run = useEngineAction();
  const turnOn = !status.enabled;
  return (
    <Switch
      on={status.enabled}
      label="Scheduled trading"
      onToggle={() =>
        run({
          confirm: {
            title: turnOn ? 'Enable the worker?' : 'Disable the worker?',
            body: turnOn
              ? 'Scheduled cycles start again: positions with auto trading on will be traded every interval.'
              : 'No scheduled cycles run until you enable it again (this is kept across restarts). Manual runs still work.',
            confirmLabel: turnOn ? 'Enable' : 'Disable',
            tone: turnOn ? 'normal' : 'danger',
          },
          perform: () => updateWorker({ enabled: turnOn }),
          done: turnOn ? 'Worker enabled' : 'Worker disabled',
        })
      }
    />
  );
}

function StatusFacts({ status, now }: { status: WorkerStatus; now: number }) {
  const last = status.last_cycle;
  return (
    <dl className="facts">
      <dt>Running</dt>
      <dd>{status.running ? 'yes' : 'no'}</dd>
      <dt>Enabled</dt>
      <dd>{status.enabled ? 'yes' : 'no'}</dd>
      <dt>Interval</dt>
      <dd>{status.interval_seconds} s</dd>
      <dt>Last scheduled cycle</dt>
      <dd>
        {!last ? (
          'none yet'
        ) : last.status === 'running' ? (
          <>
            <Link to={`/cycles/${last.id}`}>running</Link> since{' '}
            <Time iso={last.started_at} relative now={now} /> over {plural(last.positions, 'position')}
          </>
        ) : (
          <>
            <Link to={`/cycles/${last.id}`}>{last.status}</Link>{' '}
            <Time iso={last.finished_at ?? last.started_at} relative now={now} />:{' '}
            {formatCount(last.counts.evaluated)} evaluated, {plural(last.counts.orders, 'order')},{' '}
            {formatCount(last.counts.fills)} filled, {formatCount(last.counts.skips)} blocked,{' '}
            {plural(last.counts.errors, 'error')} in {formatDuration(last.duration_ms)}
            {last.error && <span className="warn"> — {last.error}</span>}
          </>
        )}
      </dd>
      <dt>Next cycle</dt>
      <dd>
        {status.next_cycle_at ? (
          <Time iso={status.next_cycle_at} relative now={now} />
        ) : status.enabled ? (
          'not scheduled'
        ) : (
          'none (disabled)'
        )}
      </dd>
      <dt>Heartbeat</dt>
      <dd>
        <Heartbeat status={status} now={now} />
      </dd>
      <dt>Instance</dt>
      <dd className="mono">{status.instance_id ?? '—'}</dd>
      {status.settings_updated_at && (
        <>
          <dt>Settings</dt>
          <dd>
            changed by {status.settings_updated_by} <Time iso={status.settings_updated_at} />
          </dd>
        </>
      )}
    </dl>
  );
}

/** The engine processes sharing the database (stopped ones left out): they split each slot's positions. */
function Instances({ status, now }: { status: WorkerStatus; now: number }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Engine instances">
        <thead>
          <tr>
            <th scope="col">Instance</th>
            <th scope="col">Host · pid</th>
            <th scope="col">Heartbeat</th>
            <th scope="col">Last cycle</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {status.instances
            .filter((i) => !i.stopped_at)
            .map((i) => (
              <tr key={i.instance_id}>
                <td className="mono">{i.instance_id}</td>
                <td>
                  {i.host} · {i.pid}
                </td>
                <td>
                  <Time iso={i.heartbeat_at} compact relative now={now} />
                </td>
                <td>{i.last_cycle_id ? <Link to={`/cycles/${i.last_cycle_id}`}>open</Link> : '—'}</td>
                <td className={i.alive ? undefined : 'muted'}>
                  {i.stopped_at ? 'stopped' : i.alive ? 'alive' : 'not heard from'}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}

/** The engine's worker: what it is doing, and the switch, the interval and Run now. */
export function WorkerPanel() {
  const query = useQuery(workerStatusQuery);
  const now = useNow();
  return (
    <section className="card" aria-labelledby="worker-title">
      <h2 id="worker-title">Trading worker</h2>
      <QueryView query={query} what="the worker status">
        {(status) => (
          <>
            {!status.database.ok && (
              <p className="state error" role="alert">
                <strong>The engine cannot reach its database</strong> ({status.database.error}). Nothing is
                lost: trading resumes by itself when the database is back. Below is what the engine process
                knows.
              </p>
            )}
            <IfCan need="operator">
              <div className="toolbar">
                <RunNowButton label="Run now" />
                <EnableSwitch status={status} />
                <IntervalEditor current={status.interval_seconds} />
              </div>
            </IfCan>
            <StatusFacts status={status} now={now} />
            {status.instances.filter((i) => !i.stopped_at).length > 1 && (
              <Instances status={status} now={now} />
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}
