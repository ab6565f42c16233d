import { listOf } from '@ballast/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fakeEngine } from '../../test/fake-engine';
import { renderInConsole } from '../../test/render';
import { get, withQuery } from '../lib/api-client';
import { PagedQueryView, QueryView } from './states';

function Figures() {
  const query = useQuery({
    queryKey: ['figures'],
    queryFn: () => get(z.object({ value: z.string() }), '/v1/figures'),
  });
  return (
    <>
      <button type="button" onClick={() => void query.refetch()}>
        Refresh
      </button>
      <QueryView query={query} what="the figures">
        {(data) => <p>value {data.value}</p>}
      </QueryView>
    </>
  );
}

function Lines() {
  const query = useInfiniteQuery({
    queryKey: ['lines'],
    queryFn: ({ pageParam }) =>
      get(listOf(z.object({ n: z.number() })), withQuery('/v1/lines', { cursor: pageParam })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  return (
    <>
      <button type="button" onClick={() => void query.refetch()}>
        Refresh
      </button>
      <PagedQueryView query={query} what="the lines" more="Load more lines">
        {(items) => <p>lines {items.map((i) => i.n).join(' ')}</p>}
      </PagedQueryView>
    </>
  );
}

describe('what a page shows when the engine stops answering', () => {
  it('keeps the last answer on screen and says it could not refresh it', async () => {
    let up = true;
    fakeEngine({
      'GET /v1/figures': () => {
        if (!up) throw new TypeError('fetch failed');
        return { body: { value: '42' } };
      },
    });
    const user = userEvent.setup();
    renderInConsole(<Figures />);
    await screen.findByText('value 42');
    up = false;
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    const stale = await screen.findByText(/Could not refresh the figures/);
    expect(stale.textContent).toContain('The engine did not answer. Is it running?');
    expect(screen.getByText('value 42')).toBeTruthy();
  });

  it('says what failed, with a way to try again, when there was never an answer', async () => {
    fakeEngine({
      'GET /v1/figures': {
        status: 503,
        body: { error: { code: 'WORKER_UNAVAILABLE', message: 'the trading engine is restarting' } },
      },
    });
    renderInConsole(<Figures />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Could not load the figures. the trading engine is restartingTry again');
  });

  it('keeps every page of a paged list on screen when a refresh fails, and still offers the next', async () => {
    let up = true;
    fakeEngine({
      'GET /v1/lines': (request) => {
        if (!up) throw new TypeError('fetch failed');
        return request.query.get('cursor') === 'p2'
          ? { body: { items: [{ n: 3 }], next_cursor: 'p3' } }
          : { body: { items: [{ n: 1 }, { n: 2 }], next_cursor: 'p2' } };
      },
    });
    const user = userEvent.setup();
    renderInConsole(<Lines />);
    await user.click(await screen.findByRole('button', { name: 'Load more lines' }));
    await screen.findByText('lines 1 2 3');
    up = false;
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    const stale = await screen.findByText(/Could not refresh the lines/);
    expect(stale.textContent).toContain('The engine did not answer. Is it running?');
    expect(screen.getByText('lines 1 2 3')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Load more lines' })).toBeTruthy();
  });
});
