import { describe, expect, it } from 'vitest';
import { makeSimulationResult } from '../../../../test/factories';
import { exportName, tradesCsv } from './export-data';

describe('exporting a simulation', () => {
  it('writes the trades as CSV with the exact decimals, quoting what needs it', () => {
    const [trade] = makeSimulationResult().trades;
    const csv = tradesCsv([{ ...trade!, reason: 'sell trigger, "5 %" above' }]);
    expect(csv).toBe(
      'index,at,side,qty,price,fee,cash_after,shares_after,reason\n' +
        '3,2024-01-01T01:30:00.000Z,buy,12.5,96.1,0.120125,8798.63,62.5,"sell trigger, ""5 %"" above"\n',
    );
  });

  it('names the files after the simulation', () => {
    expect(exportName('simulation', 'DAX 2y: drift 5 %', 'csv')).toBe(
      'ballast-simulation-dax-2y-drift-5.csv',
    );
    expect(exportName('simulation', '—', 'json')).toBe('ballast-simulation-export.json');
  });
});
