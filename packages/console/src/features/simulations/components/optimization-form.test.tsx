import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeOptimization } from '../../../../test/factories';
import { fakeEngine } from '../../../../test/fake-engine';
import { renderInConsole } from '../../../../test/render';
import { OptimizationForm } from './optimization-form';

type User = ReturnType<typeof userEvent.setup>;
const count = () => screen.getByText(/combinations?\b/, { selector: '.combinations' }).textContent;
const fillRange = async (user: User, label: string, from: string, to: string, step: string) => {
  await user.type(screen.getByLabelText(`${label}: range from`), from);
  await user.type(screen.getByLabelText(`${label}: range to`), to);
  await user.type(screen.getByLabelText(`${label}: range step`), step);
  await user.click(screen.getByRole('button', { name: `Fill ${label} from the range` }));
};

describe('starting an optimization', () => {
  beforeEach(() => window.history.replaceState(null, '', '/optimizations'));

  it('counts the combinations as the grid is typed and sends the values as numbers', async () => {
    const engine = fakeEngine({
      'POST /v1/optimizations': { status: 202, body: makeOptimization({ id: 'opt-5', status: 'queued' }) },
    });
    const user = userEvent.setup();
    renderInConsole(<OptimizationForm />);
    expect(count()).toBe('1 combination');
    await user.type(screen.getByLabelText('Sell trigger: values to try'), '2, 3, 4');
    expect(count()).toBe('3 combinations');
    await fillRange(user, 'Buy trigger', '1', '2', '0.5');
    expect(screen.getByLabelText('Buy trigger: values to try')).toHaveProperty('value', '1, 1.5, 2');
    expect(count()).toBe('9 combinations');
    await user.selectOptions(screen.getByLabelText('Rank by'), 'max_drawdown_pct');
    await user.click(screen.getByRole('button', { name: 'Run optimization' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('heading').textContent).toBe('Run 9 combinations?');
    await user.click(within(dialog).getByRole('button', { name: 'Run optimization' }));

    await screen.findByText(/Started the optimization/);
    expect(engine.changes()[0]!.body).toEqual({
      bars: {
        kind: 'synthetic',
        seed: 42,
        bars: 10000,
        interval_minutes: 30,
        start_price: '100',
        drift_pct_per_year: 5,
        volatility_pct_per_year: 30,
      },
      shares: '0',
      cash: '10000',
      params: {},
      grid: { 'trigger.up_pct': [2, 3, 4], 'trigger.down_pct': [1, 1.5, 2] },
      rank_by: 'max_drawdown_pct',
    });
    expect(window.location.pathname).toBe('/optimizations/opt-5');
  });

  it('refuses more than 20 000 combinations without asking the engine', async () => {
    const engine = fakeEngine({});
    const user = userEvent.setup();
    renderInConsole(<OptimizationForm />);
    await fillRange(user, 'Sell trigger', '1', '30', '1');
    await fillRange(user, 'Buy trigger', '1', '30', '1');
    await fillRange(user, 'Rebalance ratio', '0.1', '3', '0.1');
    expect(count()).toBe('27,000 combinations — more than the 20,000 the engine runs');
    await user.click(screen.getByRole('button', { name: 'Run optimization' }));
    expect(screen.getByRole('alert').textContent).toMatch(/at most 20,000/);
    expect(screen.queryByRole('dialog', { hidden: false })).toBeNull();
    expect(engine.requests).toEqual([]);
  });

  it('marks values that are not numbers at their parameter and sends nothing', async () => {
    const engine = fakeEngine({});
    const user = userEvent.setup();
    renderInConsole(<OptimizationForm />);
    const field = screen.getByLabelText('Anchor reset: values to try');
    await user.type(field, '40, fifty');
    const error = screen.getByText('“fifty” is not a number');
    expect(field.getAttribute('aria-describedby')).toContain(error.id);
    await user.click(screen.getByRole('button', { name: 'Run optimization' }));
    expect(engine.requests).toEqual([]);
  });
});
