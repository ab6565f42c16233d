import { type FormEvent, useCallback, useMemo, useState } from 'react';
import { FormError } from '../../../components/form-error';
import { useEngineAction } from '../../../lib/actions';
import { type FormProblems, NO_PROBLEMS, problemsOf } from '../../../lib/api-client';
import { formatCount } from '../../../lib/format';
import { useRouter } from '../../../lib/router';
import { startOptimization } from '../api/optimizations-api';
import { GRID_PATHS, GridFields } from './grid-fields';
import {
  checkGrid,
  gridRefusal,
  NEW_OPTIMIZATION,
  type OptimizationDraft,
  optimizationRequestOf,
} from './optimization-draft';
import { RankingFields } from './ranking-fields';
import type { RunDraft } from './run-draft';
import { RUN_PATHS, RunInputs } from './run-inputs';
import { describeBars } from './run-summary';
import { PARAM_PATHS } from './strategy-param-fields';
import { SYNTHETIC_PATHS } from './synthetic-fields';

const SHOWN = new Set([
  ...RUN_PATHS,
  ...SYNTHETIC_PATHS,
  ...PARAM_PATHS,
  ...GRID_PATHS,
  'rank_by',
  'descending',
  'grid',
]);

/** A new optimization: a run's inputs, a grid of values to try, and how to rank the combinations. */
export function OptimizationForm() {
  const [draft, setDraft] = useState<OptimizationDraft>(NEW_OPTIMIZATION);
  const [problems, setProblems] = useState<FormProblems>(NO_PROBLEMS);
  const change = useCallback(
    (patch: Partial<OptimizationDraft>) => setDraft((d) => ({ ...d, ...patch })),
    [],
  );
  const changeRun = useCallback(
    (patch: Partial<RunDraft>) => setDraft((d) => ({ ...d, run: { ...d.run, ...patch } })),
    [],
  );
  const check = useMemo(() => checkGrid(draft.grid), [draft.grid]);
  const run = useEngineAction();
  const { navigate } = useRouter();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const refusal = gridRefusal(check);
    setProblems(refusal ? { fields: {}, message: refusal } : NO_PROBLEMS);
    if (refusal) return;
    try {
      const done = await run({
        confirm: {
          title: `Run ${formatCount(check.combinations)} combinations?`,
          body: `The engine plays ${describeBars(draft.run)} through the live rules once per combination, on worker threads, and ranks them. Nothing is traded.`,
          confirmLabel: 'Run optimization',
        },
        perform: () => startOptimization(optimizationRequestOf(draft, check)),
        done: (o) =>
          `Started the optimization ${o.name ?? o.id} (${formatCount(o.combinations)} combinations)`,
        onError: 'throw',
      });
      if (done) navigate(`/optimizations/${encodeURIComponent(done.data.id)}`);
    } catch (error) {
      setProblems(problemsOf(error, SHOWN));
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="New optimization">
      <RunInputs
        draft={draft.run}
        onChange={changeRun}
        errors={problems.fields}
        paramsLegend="Base parameters"
      />
      <GridFields
        texts={draft.grid}
        onChange={(grid) => change({ grid })}
        check={check}
        errors={problems.fields}
      />
      <RankingFields draft={draft} onChange={change} errors={problems.fields} />
      <FormError message={problems.message ?? problems.fields.grid ?? null} />
      <div className="form-actions">
        <button type="submit" className="button primary">
          Run optimization
        </button>
      </div>
    </form>
  );
}
