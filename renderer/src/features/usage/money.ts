/**
 * Money as the usage, chat and batch views show it. Prices are estimates in USD; a single image
 * costs a few cents, so small amounts keep more digits than totals do.
 */

const usd2 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usd3 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 3, maximumFractionDigits: 3 });
const usd4 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 4, maximumFractionDigits: 4 });

/** Totals: "$12.40". Amounts under a cent that are not zero read "<$0.01" rather than a false "$0.00". */
export function formatUsd(n: number): string {
  if (!Number.isFinite(n)) return '—';
  if (n > 0 && n < 0.005) return '<$0.01';
  return usd2.format(n);
}

/** One request's cost: "$0.067", "$0.0042". */
export function formatUsdPrecise(n: number): string {
  if (!Number.isFinite(n)) return '—';
  if (n === 0) return usd2.format(0);
  if (Math.abs(n) < 0.01) return usd4.format(n);
  if (Math.abs(n) < 1) return usd3.format(n);
  return usd2.format(n);
}
