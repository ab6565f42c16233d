import { formatCount } from '../../../lib/format';
import type { RunDraft } from './run-draft';

/** The bars of a draft in words, for the confirmation: `10 000 synthetic bars of 30 min (seed 42)`. */
export function describeBars(draft: RunDraft): string {
  switch (draft.barsKind) {
    case 'sample':
      return `the sample ${draft.sample || '(none picked)'}`;
    case 'csv':
      return draft.csv ? `the file ${draft.csv.name}` : 'no CSV file (none picked)';
    case 'synthetic': {
      const s = draft.synthetic;
      const bars = Number(s.bars);
      const count = Number.isFinite(bars) && s.bars.trim() ? formatCount(bars) : `“${s.bars}”`;
      return `${count} synthetic bars of ${s.interval_minutes} min (seed ${s.seed})`;
    }
  }
}
