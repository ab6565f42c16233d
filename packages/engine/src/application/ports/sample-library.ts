import type { SampleBars } from '@ballast/contracts';

/** The bar files that ship with Ballast (real index closes), by name. */
export interface SampleLibrary {
  list(): Promise<SampleBars[]>;
  /** The CSV text of a sample and its description, or null when there is no such sample. */
  read(name: string): Promise<{ readonly text: string; readonly description: string } | null>;
}
