import { readFile } from 'node:fs/promises';
import type { SampleBars } from '@ballast/contracts';
import type { SampleLibrary } from '../../application/ports/sample-library.js';
import { parseBarCsv } from './bar-csv.js';

/** `data-samples/` at the root of the repository (this file is in packages/engine/{src,dist}/adapters/market-data/). */
export const DATA_SAMPLES_DIR = new URL('../../../../../data-samples/', import.meta.url);

/** The samples that ship with Ballast: real closes, described (see ../shared/data/README.md). */
const CATALOGUE: readonly { name: string; description: string }[] = [
  {
    name: 'eustock-dax',
    description:
      'DAX (Germany), daily closes of 1 860 business days from July 1991 to 1998 (R datasets, EuStockMarkets)',
  },
  {
    name: 'eustock-smi',
    description:
      'SMI (Switzerland), daily closes of 1 860 business days from July 1991 to 1998 (R datasets, EuStockMarkets)',
  },
];

/** Sample bar files in a folder, `<name>.csv`; a sample whose file is missing is not listed. */
export class SampleBarFiles implements SampleLibrary {
  private listed: Promise<SampleBars[]> | null = null;

  constructor(private readonly dir: URL = DATA_SAMPLES_DIR) {}

  list(): Promise<SampleBars[]> {
    this.listed ??= this.describeAll();
    return this.listed;
  }

  async read(name: string): Promise<{ text: string; description: string } | null> {
    const entry = CATALOGUE.find((s) => s.name === name);
    if (!entry) return null;
    const text = await readFile(new URL(`${name}.csv`, this.dir), 'utf8').catch(() => null);
    return text === null ? null : { text, description: entry.description };
  }

  private async describeAll(): Promise<SampleBars[]> {
    const samples: SampleBars[] = [];
    for (const { name, description } of CATALOGUE) {
      const file = await this.read(name);
      if (!file) continue;
      const bars = parseBarCsv(file.text, { source: `${name}.csv` });
      samples.push({
        name,
        description,
        bars: bars.length,
        first_at: new Date(bars.times[0]!).toISOString(),
        last_at: new Date(bars.times[bars.length - 1]!).toISOString(),
      });
    }
    return samples;
  }
}
