import { EVENT_TYPES, EventSource, type EventType } from '@ballast/contracts';
import { type FormEvent, useEffect, useState } from 'react';
import { sourceLabel } from '../../../lib/event-text';
import type { EventFilter } from '../api/audit-api';

export interface Choice {
  readonly value: string;
  readonly label: string;
}

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
      <label>
        Source
        <select
          value={draft.source ?? ''}
          onChange={(e) => set({ source: (e.target.value || undefined) as EventFilter['source'] })}
        >
          <option value="">any</option>
          {EventSource.options.map((s) => (
            <option key={s} value={s}>
              {sourceLabel(s)} ({s})
            </option>
          ))}
        </select>
      </label>
      <label>
        Type
        <select
          value={draft.type ?? ''}
          onChange={(e) => set({ type: (e.target.value || undefined) as EventType | undefined })}
        >
          <option value="">any</option>
          {EVENT_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label>
        Portfolio
        <select
          value={draft.portfolio_id ?? ''}
          onChange={(e) => set({ portfolio_id: e.target.value || undefined })}
        >
          <option value="">any</option>
          {portfolios.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Position
        <select
          value={draft.position_id ?? ''}
          onChange={(e) => set({ position_id: e.target.value || undefined })}
        >
          <option value="">any</option>
          {positions.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
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
