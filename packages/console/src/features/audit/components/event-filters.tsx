import { EVENT_TYPES, EventSource, type EventType } from '@ballast/contracts';
import { type FormEvent, useEffect, useState } from 'react';
import { type Choice, FilterSelect } from '../../../components/filter-select';
import { sourceLabel } from '../../../lib/event-text';
import type { EventFilter } from '../api/audit-api';

const SOURCES = EventSource.options.map((s) => ({ value: s, label: `${sourceLabel(s)} (${s})` }));
const TYPES = EVENT_TYPES.map((t) => ({ value: t, label: t }));

/** `2026-12-01T06:04:05.000Z` → the `datetime-local` text of the same instant in the viewer's zone. */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function fromLocalInput(text: string): string | undefined {
  if (!text) return undefined;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/** The audit filters; applied on submit so typing an id does not send a query per keystroke. */
export function EventFilters({
  filter,
  onChange,
  portfolios,
  positions,
}: {
  filter: EventFilter;
  onChange: (filter: EventFilter) => void;
  portfolios: readonly Choice[];
  positions: readonly Choice[];
}) {
  const [draft, setDraft] = useState(filter);
  useEffect(() => setDraft(filter), [filter]);
  const set = (patch: Partial<EventFilter>) => setDraft({ ...draft, ...patch });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange(draft);
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Filter the audit trail">
      <FilterSelect
        label="Source"
        value={draft.source}
        onChange={(v) => set({ source: v as EventFilter['source'] })}
        choices={SOURCES}
      />
      <FilterSelect
        label="Type"
        value={draft.type}
        onChange={(v) => set({ type: v as EventType | undefined })}
        choices={TYPES}
      />
      <FilterSelect
        label="Portfolio"
        value={draft.portfolio_id}
        onChange={(v) => set({ portfolio_id: v })}
        choices={portfolios}
      />
      <FilterSelect
        label="Position"
        value={draft.position_id}
        onChange={(v) => set({ position_id: v })}
        choices={positions}
      />
      <label>
        Cycle id
        <input
          value={draft.cycle_id ?? ''}
          onChange={(e) => set({ cycle_id: e.target.value.trim() || undefined })}
          placeholder="any"
        />
      </label>
      <label>
        From
        <input
          type="datetime-local"
          value={toLocalInput(draft.since)}
          onChange={(e) => set({ since: fromLocalInput(e.target.value) })}
        />
      </label>
      <label>
        Until
        <input
          type="datetime-local"
          value={toLocalInput(draft.until)}
          onChange={(e) => set({ until: fromLocalInput(e.target.value) })}
        />
      </label>
      <div className="filter-actions">
        <button type="submit" className="button primary">
          Apply filters
        </button>
        <button type="button" className="button" onClick={() => onChange({})}>
          Clear
        </button>
      </div>
    </form>
  );
}
