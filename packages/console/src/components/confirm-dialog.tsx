import { useEffect, useRef } from 'react';
import { useActions } from '../lib/actions';

/**
 * The one confirmation dialog: a native modal <dialog>, so focus stays inside it, Escape cancels and
 * the page behind cannot be clicked. The safe choice (Cancel) is first; the action is named, not "OK".
 */
export function ConfirmDialog() {
  const { pending, answer } = useActions();
  const ref = useRef<HTMLDialogElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (pending && !dialog.open) {
      dialog.showModal();
      confirmButton.current?.focus();
    } else if (!pending && dialog.open) dialog.close();
  }, [pending]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="confirm-title"
      onCancel={(event) => {
        event.preventDefault();
        answer(false);
      }}
    >
      {pending && (
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            answer(true);
          }}
        >
          <h2 id="confirm-title">{pending.title}</h2>
          {pending.body && <div className="dialog-body">{pending.body}</div>}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => answer(false)}>
              Cancel
            </button>
            <button
              ref={confirmButton}
              type="submit"
              className={pending.tone === 'danger' ? 'button danger' : 'button primary'}
            >
              {pending.confirmLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
