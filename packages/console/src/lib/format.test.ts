import { describe, expect, it } from 'vitest';
import {
  formatFee,
  formatMoney,
  formatPct,
  formatPrice,
  formatQty,
  formatRelative,
  formatSignedMoney,
  formatUtcTime,
  shortId,
} from './format';

describe('figures on screen', () => {
  it('formats money from the decimal string exactly, rounding half away from zero', () => {
    expect(formatMoney('1234.5', 'USD')).toBe('$1,234.50');
    expect(formatMoney('0.005', 'USD')).toBe('$0.01');
    expect(formatMoney('2.675', 'USD')).toBe('$2.68'); // 2.675 as a binary float is 2.67499…
    expect(formatMoney('12345678901234567.89', 'USD')).toBe('$12,345,678,901,234,567.89');
    expect(formatMoney('-42', 'EUR')).toBe('-€42.00');
    expect(formatMoney(null)).toBe('—');
  });

  it('signs P&L, keeps fees to six decimals, quantities without trailing zeros', () => {
    expect(formatSignedMoney('12.3')).toBe('+$12.30');
    expect(formatSignedMoney('-4')).toBe('-$4.00');
    expect(formatFee('0.005538')).toBe('$0.005538');
    expect(formatFee('1.5')).toBe('$1.50');
    expect(formatQty('5.234455')).toBe('5.234455');
    expect(formatQty('72.500000')).toBe('72.5');
    expect(formatQty('1234567.1234567')).toBe('1,234,567.123457');
    expect(formatPrice('97')).toBe('97.00');
    expect(formatPrice('64.07512')).toBe('64.0751');
  });

  it('writes percentages given in percent, signed on request', () => {
    expect(formatPct(3)).toBe('3.00 %');
    expect(formatPct(-1.02, { signed: true })).toBe('-1.02 %');
    expect(formatPct(5.1, { signed: true })).toBe('+5.10 %');
    expect(formatPct(null)).toBe('—');
  });

  it('says how long ago, and gives UTC for the hover text', () => {
    const now = Date.parse('2026-12-01T09:00:00Z');
    expect(formatRelative('2026-12-01T08:59:48Z', now)).toBe('12 s ago');
    expect(formatRelative('2026-12-01T09:03:00Z', now)).toBe('in 3 min');
    expect(formatRelative('2026-11-29T09:00:00Z', now)).toBe('2 d ago');
    expect(formatUtcTime('2026-12-01T06:04:05.123Z')).toBe('2026-12-01 06:04:05 UTC');
  });

  it('shortens UUIDv7 ids to their random end, where ids made together differ', () => {
    expect(shortId('01a23058-e8e9-7000-ae9c-ddaad781964e')).toBe('…d781964e');
    expect(shortId('cycle-1')).toBe('cycle-1');
  });
});
