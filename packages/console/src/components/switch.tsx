/** An on/off switch that asks before it changes anything (the caller confirms in `onToggle`). */
export function Switch({ on, label, onToggle }: { on: boolean; label: string; onToggle: () => void }) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      className={`switch${on ? ' on' : ''}`}
      onClick={onToggle}
    >
      <span className="switch-track" aria-hidden="true" />
      {label} {on ? 'on' : 'off'}
    </button>
  );
}
