import type { Position } from '@ballast/contracts';
import { type FormEvent, useState } from 'react';
import { Field, SelectField } from '../../../components/field';
import { FormError } from '../../../components/form-error';
import { Switch } from '../../../components/switch';
import { useEngineAction } from '../../../lib/actions';
import { problemsOf } from '../../../lib/api-client';
import { formatMoney, formatPrice } from '../../../lib/format';
import { useRouter } from '../../../lib/router';
import { deletePosition, moveCash, setAnchor, updatePosition } from '../api/positions-api';

/** The amount as typed, formatted when it is a number (the engine judges it either way). */
function shownAmount(typed: string, currency: string): string {
  const amount = typed.trim();
  return /^\d+(\.\d+)?$/.test(amount) ? formatMoney(amount, currency) : `“${amount}”`;
}

const CASH_SHOWS = ['amount', 'note'];

export function CashForm({ position, currency }: { position: Position; currency: string }) {
  const [kind, setKind] = useState<'deposit' | 'withdrawal'>('deposit');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState(problemsOf(null));
  const run = useEngineAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblems(problemsOf(null));
    try {
      const done = await run({
        confirm: {
          title: `${kind === 'deposit' ? 'Deposit' : 'Withdraw'} ${shownAmount(amount, currency)} ${kind === 'deposit' ? 'into' : 'from'} ${position.symbol}?`,
          body: `The position's cash is ${formatMoney(position.cash, currency)} now.`,
          confirmLabel: kind === 'deposit' ? 'Deposit' : 'Withdraw',
          tone: kind === 'withdrawal' ? 'danger' : 'normal',
        },
        perform: () =>
          moveCash(position.id, {
            kind,
            amount: amount.trim(),
            ...(note.trim() ? { note: note.trim() } : {}),
          }),
        done: (p) =>
          `${kind === 'deposit' ? 'Deposited' : 'Withdrew'}: cash is now ${formatMoney(p.cash, currency)}`,
        onError: 'throw',
      });
      if (done) {
        setAmount('');
        setNote('');
      }
    } catch (error) {
      setProblems(problemsOf(error, CASH_SHOWS));
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Deposit or withdraw cash">
      <div className="form-grid">
        <SelectField
          label="Move"
          value={kind}
          onChange={(v) => setKind(v as 'deposit' | 'withdrawal')}
          options={[
            { value: 'deposit', label: 'Deposit' },
            { value: 'withdrawal', label: 'Withdrawal' },
          ]}
        />
        <Field
          label="Amount"
          name="amount"
          inputMode="decimal"
          suffix={currency}
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={problems.fields.amount}
        />
        <Field
          label="Note"
          name="note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={problems.fields.note}
          hint="optional, kept in the audit trail"
        />
      </div>
      <FormError message={problems.message} />
      <button type="submit" className="button primary">
        {kind === 'deposit' ? 'Deposit cash' : 'Withdraw cash'}
      </button>
    </form>
  );
}

const ANCHOR_SHOWS = ['anchor'];

export function AnchorForm({ position }: { position: Position }) {
  const [value, setValue] = useState('');
  const [problems, setProblems] = useState(problemsOf(null));
  const run = useEngineAction();
  const change = async (body: { anchor?: string | null; use_current_price?: boolean }, what: string) => {
    setProblems(problemsOf(null));
    try {
      const done = await run({
        confirm: {
          title: `Set the anchor of ${position.symbol} ${what}?`,
          body:
            body.anchor === null
              ? 'Without an anchor the position does not trade until one is set.'
              : `Triggers are measured from the anchor (now ${formatPrice(position.anchor)}).`,
          confirmLabel: 'Set anchor',
        },
        perform: () => setAnchor(position.id, body),
        done: (p) => `Anchor of ${p.symbol} is now ${formatPrice(p.anchor)}`,
        onError: 'throw',
      });
      if (done) setValue('');
    } catch (error) {
      setProblems(problemsOf(error, ANCHOR_SHOWS));
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void change({ anchor: value.trim() }, `to ${value.trim()}`);
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Set the anchor">
      <div className="form-grid">
        <Field
          label="New anchor"
          name="anchor"
          inputMode="decimal"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={problems.fields.anchor}
          hint={`now ${formatPrice(position.anchor)}`}
        />
      </div>
      <FormError message={problems.message} />
      <div className="form-actions">
        <button type="submit" className="button primary">
          Set anchor
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void change({ use_current_price: true }, 'to the current price')}
        >
          Use the current price
        </button>
        <button type="button" className="button" onClick={() => void change({ anchor: null }, 'to none')}>
          Clear the anchor
        </button>
      </div>
    </form>
  );
}

export function PositionAutoTradingSwitch({ position }: { position: Position }) {
  const run = useEngineAction();
  const on = position.auto_trading_enabled;
  return (
    <Switch
      on={on}
      label="Auto trading"
      onToggle={() =>
        run({
          confirm: {
            title: `${on ? 'Turn off' : 'Turn on'} auto trading for ${position.symbol}?`,
            body: on
              ? 'The worker stops trading this position; Run now still evaluates it.'
              : 'The worker trades this position when its portfolio is active with auto trading on.',
            confirmLabel: on ? 'Turn off' : 'Turn on',
            tone: on ? 'danger' : 'normal',
          },
          perform: () => updatePosition(position.id, { auto_trading_enabled: !on }),
          done: (p) => `Auto trading ${p.auto_trading_enabled ? 'on' : 'off'} for ${p.symbol}`,
        })
      }
    />
  );
}

export function DeletePositionButton({ position }: { position: Position }) {
  const run = useEngineAction();
  const { navigate } = useRouter();
  return (
    <button
      type="button"
      className="button danger"
      onClick={async () => {
        const done = await run({
          confirm: {
            title: `Delete the position ${position.symbol}?`,
            body: 'It stops trading and leaves the lists. Its orders, trades and audit events are kept.',
            confirmLabel: 'Delete position',
            tone: 'danger',
          },
          perform: () => deletePosition(position.id),
          done: `Deleted ${position.symbol}`,
        });
        if (done) navigate(`/portfolios/${position.portfolio_id}`);
      }}
    >
      Delete position
    </button>
  );
}
