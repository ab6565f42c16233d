export interface FirstPageSize {
  /** gzipped bytes of the JavaScript the first page loads */
  readonly jsGzipBytes: number;
  readonly cssGzipBytes: number;
  /** gzipped bytes of the chunks loaded later, on demand */
  readonly lazyJsGzipBytes: number;
  readonly files: readonly string[];
}
export function firstPageSize(dist: string): FirstPageSize;
