/** A page request: newest first unless the filter says otherwise; `cursor` is the previous page's `nextCursor`. */
export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string | undefined;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}
