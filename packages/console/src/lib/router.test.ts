import { describe, expect, it } from 'vitest';
import { matchPath } from './router';

describe('matching addresses to pages', () => {
  it('reads named segments and refuses other shapes', () => {
    expect(matchPath('/positions/:id', '/positions/01a2-x')).toEqual({ id: '01a2-x' });
    expect(matchPath('/positions/:id', '/positions/a%20b/')).toEqual({ id: 'a b' });
    expect(matchPath('/positions/:id', '/positions')).toBeNull();
    expect(matchPath('/audit', '/audit/events/3')).toBeNull();
    expect(matchPath('/', '/')).toEqual({});
  });
});
