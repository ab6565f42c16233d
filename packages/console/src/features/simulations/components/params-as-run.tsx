import { Fragment } from 'react';
import { STRATEGY_PARAM_FIELDS } from '../../../lib/strategy-params';

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' ? (v as Record<string, unknown>) : {};

/** The parameter values the engine ran with (its defaults and the position's filled in), from the stored request. */
export function paramsAsRun(request: Readonly<Record<string, unknown>>): { label: string; value: string }[] {
  const params = obj(request.params);
  return STRATEGY_PARAM_FIELDS.flatMap((f) => {
    const [group, key] = f.path.split('.') as [string, string];
    const value = obj(params[group])[key];
    return value === undefined || value === null
      ? []
      : [{ label: f.label, value: `${String(value)}${f.suffix ? ` ${f.suffix}` : ''}` }];
  });
}

export function ParamsAsRun({ request }: { request: Readonly<Record<string, unknown>> }) {
  const shown = paramsAsRun(request);
  if (shown.length === 0) return null;
  return (
    <details className="disclosure">
      <summary>Parameters as run</summary>
      <dl className="facts">
        {shown.map((p) => (
          <Fragment key={p.label}>
            <dt>{p.label}</dt>
            <dd>{p.value}</dd>
          </Fragment>
        ))}
      </dl>
    </details>
  );
}
