import { type FormEvent, useCallback, useState } from 'react';
import { FormError } from '../../../components/form-error';
import { useEngineAction } from '../../../lib/actions';
import { type FormProblems, NO_PROBLEMS, problemsOf } from '../../../lib/api-client';
import { useRouter } from '../../../lib/router';
import { startSimulation } from '../api/simulations-api';
import { NEW_RUN, type RunDraft, runRequestOf } from './run-draft';
import { RUN_PATHS, RunInputs } from './run-inputs';
import { describeBars } from './run-summary';
import { PARAM_PATHS } from './strategy-param-fields';
import { SYNTHETIC_PATHS } from './synthetic-fields';

const SHOWN = new Set([...RUN_PATHS, ...SYNTHETIC_PATHS, ...PARAM_PATHS]);

/** A new simulation: the bars, the start and the parameters; the engine runs it and the result page follows it. */
export function SimulationForm() {
  const [draft, setDraft] = useState<RunDraft>(NEW_RUN);
  const [problems, setProblems] = useState<FormProblems>(NO_PROBLEMS);
  const change = useCallback((patch: Partial<RunDraft>) => setDraft((d) => ({ ...d, ...patch })), []);
  const run = useEngineAction();
  const { navigate } = useRouter();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblems(NO_PROBLEMS);
    try {
      const done = await run({
        confirm: {
          title: 'Run this simulation?',
          body: `The engine plays ${describeBars(draft)} through the live rules with a paper broker. Nothing is traded; the run is recorded in the audit trail as a simulation.`,
          confirmLabel: 'Run simulation',
        },
        perform: () => startSimulation(runRequestOf(draft)),
        done: (s) => `Started the simulation ${s.name ?? s.id}`,
        onError: 'throw',
      });
      if (done) navigate(`/simulations/${encodeURIComponent(done.data.id)}`);
    } catch (error) {
      setProblems(problemsOf(error, SHOWN));
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="New simulation">
      <RunInputs draft={draft} onChange={change} errors={problems.fields} />
      <FormError message={problems.message} />
      <div className="form-actions">
        <button type="submit" className="button primary">
          Run simulation
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setDraft(NEW_RUN);
            setProblems(NO_PROBLEMS);
          }}
        >
          Reset the form
        </button>
      </div>
    </form>
  );
}
