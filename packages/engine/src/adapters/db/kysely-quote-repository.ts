import type { QuoteRepository } from '../../application/ports/store.js';
import type { SymbolQuoteRecord } from '../../application/records.js';
import type { DbExecutor } from './db-executor.js';
import { dec, instant, iso, text } from './row-codecs.js';

const CHUNK = 500;

/** The last price seen per symbol, so reads can value positions without asking the market again. */
export class KyselyQuoteRepository implements QuoteRepository {
  constructor(private readonly db: DbExecutor) {}

  async upsertMany(quotes: readonly SymbolQuoteRecord[]): Promise<void> {
    for (let i = 0; i < quotes.length; i += CHUNK) {
      const rows = quotes.slice(i, i + CHUNK).map((q) => ({
        symbol: q.symbol,
        price: text(q.price),
        quoted_at: iso(q.quotedAt),
        provider: q.provider,
      }));
      await this.db
        .insertInto('symbol_quotes')
        .values(rows)
        .onConflict((oc) =>
          oc.column('symbol').doUpdateSet((eb) => ({
            price: eb.ref('excluded.price'),
            quoted_at: eb.ref('excluded.quoted_at'),
            provider: eb.ref('excluded.provider'),
          })),
        )
        .execute();
    }
  }

  async getMany(symbols: readonly string[]): Promise<Map<string, SymbolQuoteRecord>> {
    const out = new Map<string, SymbolQuoteRecord>();
    for (let i = 0; i < symbols.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('symbol_quotes')
        .selectAll()
        .where('symbol', 'in', symbols.slice(i, i + CHUNK))
        .execute();
      for (const r of rows)
        out.set(r.symbol, {
          symbol: r.symbol,
          price: dec(r.price),
          quotedAt: instant(r.quoted_at),
          provider: r.provider,
        });
    }
    return out;
  }
}
