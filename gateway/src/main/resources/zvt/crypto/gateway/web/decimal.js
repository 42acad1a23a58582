// Prices and sizes arrive as exact decimal strings. The page keeps them as strings for display and keys, and does
// arithmetic (spread) in scaled BigInts, so nothing it shows is rounded by binary floating point.

export function canonical(text) {
  if (!text.includes('.')) {
    return text;
  }
  const trimmed = text.replace(/0+$/, '');
  return trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
}

function scaled(text, decimals) {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole + fraction.padEnd(decimals, '0'));
}

function decimalsOf(text) {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

export function subtract(a, b) {
  const decimals = Math.max(decimalsOf(a), decimalsOf(b));
  const difference = scaled(a, decimals) - scaled(b, decimals);
  const negative = difference < 0n;
  const digits = (negative ? -difference : difference).toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : digits.slice(0, -decimals) + '.' + digits.slice(-decimals);
  return (negative ? '-' : '') + text;
}
