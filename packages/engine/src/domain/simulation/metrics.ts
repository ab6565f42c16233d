/**
 * The figures of a value path (a position's value at each bar, in order): return, annualized return and
 * volatility, Sharpe, max drawdown. Floats: these measure a run, they never decide a trade.
 *
 * Annualization is by calendar time (docs/decisions/0015-simulation-lab.md): the path spans
 * `spanMs` of real time, a year is 365.25 days, and the n − 1 bar-to-bar returns fall in that span, so
 * there are (n − 1) / years periods per year. Daily closes of an exchange (about 252 a year, weekends
 * and holidays left out) give about 252; 30-minute bars of a regular session give about 13 × 252; bars
 * around the clock give what their spacing says. A median spacing would count a weekday series as 365 a
 * year and a session series as if the market never closed.
 */
export const YEAR_MS = 365.25 * 86_400_000;
/**
 * Bars spanning less than this are not annualized: a few minutes of prices (a position that has just
 * started trading) would be compounded into absurd yearly figures. The annualized return, volatility
 * and Sharpe are then null; the plain return and drawdown are still given.
 */
export const MIN_ANNUALIZED_SPAN_MS = 86_400_000;

export interface PathFigures {
  /** (last / first − 1) · 100. */
  readonly returnPct: number;
  /** The compound rate per year over the span, in percent; null under a day's span or when it cannot be written as a number. */
  readonly annualizedReturnPct: number | null;
  /** Sample standard deviation of the bar returns · √(periods per year) · 100; null under two returns. */
  readonly annualizedVolatilityPct: number | null;
  /** mean / standard deviation of the bar returns · √(periods per year), risk-free rate 0; null when the volatility is 0 or unknown. */
  readonly sharpe: number | null;
  /** The largest fall from a running peak, as a positive percentage of that peak. */
  readonly maxDrawdownPct: number;
}

/**
 * Running statistics of a value path fed one value at a time, so a run over millions of bars needs no
 * array of values: Welford's mean and variance of the simple returns, the running peak and drawdown.
 */
export class PathStats {
  private count = 0;
  private first = 0;
  private previous = 0;
  private peak = 0;
  private maxDrawdown = 0;
  private meanReturn = 0;
  private squares = 0;

  add(value: number): void {
    if (!(value > 0) || !Number.isFinite(value))
      throw new RangeError(`a position value must be positive: ${value}`);
    if (this.count === 0) {
      this.first = value;
      this.peak = value;
    } else {
      const r = value / this.previous - 1;
      const n = this.count; // returns so far, this one included
      const delta = r - this.meanReturn;
      this.meanReturn += delta / n;
      this.squares += delta * (r - this.meanReturn);
      if (value > this.peak) this.peak = value;
      else this.maxDrawdown = Math.max(this.maxDrawdown, (this.peak - value) / this.peak);
    }
    this.previous = value;
    this.count++;
  }

  /** The figures of the values added so far, which span `spanMs` of calendar time. */
  figures(spanMs: number): PathFigures {
    if (this.count === 0) throw new RangeError('a value path needs at least one value');
    const returns = this.count - 1;
    const years = spanMs >= MIN_ANNUALIZED_SPAN_MS ? spanMs / YEAR_MS : 0;
    const perYear = years > 0 ? returns / years : Number.NaN;
    const sd = returns >= 2 ? Math.sqrt(this.squares / (returns - 1)) : Number.NaN;
    const volatility = sd * Math.sqrt(perYear);
    const growth = this.previous / this.first;
    return {
      returnPct: (growth - 1) * 100,
      annualizedReturnPct: years > 0 ? finiteOrNull((growth ** (1 / years) - 1) * 100) : null,
      annualizedVolatilityPct: finiteOrNull(volatility * 100),
      sharpe: volatility > 0 ? finiteOrNull((this.meanReturn * perYear) / volatility) : null,
      maxDrawdownPct: this.maxDrawdown * 100,
    };
  }
}

/** The figures of a whole path at once (values oldest first over `spanMs`). */
export function pathFigures(values: ArrayLike<number>, spanMs: number): PathFigures {
  const stats = new PathStats();
  for (let i = 0; i < values.length; i++) stats.add(values[i]!);
  return stats.figures(spanMs);
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
