import { Position } from '@ballast/contracts';
import { useQuery } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeEvent, makePosition } from '../../test/factories';
import { fakeEngine } from '../../test/fake-engine';
import { renderInConsole } from '../../test/render';
import { useEngineAction } from './actions';
import { get, send } from './api-client';
import { auditEventQuery } from './audit-event-query';
import { ROOT } from './query-keys';

function Screen() {
  const event = useQuery(auditEventQuery(812));
  const position = useQuery({
    queryKey: [ROOT.positions, 'one', 'pos-1'],
    queryFn: ({ signal }) => get(Position, '/v1/positions/pos-1', signal),
  });
  const run = useEngineAction();
  return (
    <>
      <p>{event.data ? `event ${event.data.seq}` : 'no event yet'}</p>
      <p>{position.data ? `position ${position.data.symbol}` : 'no position yet'}</p>
      <button
        type="button"
        onClick={() =>
          void run({
            confirm: { title: 'Run it?', confirmLabel: 'Run' },
            perform: () => send(Position, 'POST', '/v1/positions/pos-1/run'),
            done: 'Ran it',
          })
        }
      >
        Run
      </button>
    </>
  );
}

describe('after an action', () => {
  it('refreshes what the change may have touched, but not an audit event already fetched', async () => {
    const engine = fakeEngine({
      'GET /v1/events/812': { body: makeEvent({ seq: 812, type: 'PositionUpdatedByUser' }) },
      'GET /v1/positions/pos-1': { body: makePosition() },
      'POST /v1/positions/pos-1/run': { body: makePosition() },
    });
    const reads = (path: string) => engine.requests.filter((r) => r.method === 'GET' && r.path === path);
    const user = userEvent.setup();
    renderInConsole(<Screen />);
    expect(await screen.findByText('event 812')).toBeTruthy();
    expect(await screen.findByText('position ACME')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Run' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Run' }));
    await screen.findByText('Ran it');

    await waitFor(() => expect(reads('/v1/positions/pos-1')).toHaveLength(2));
    expect(reads('/v1/events/812')).toHaveLength(1);
  });
});
