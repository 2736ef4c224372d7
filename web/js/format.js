// How numbers and times are written on the page.

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const money = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A time of day from an ISO 8601 string or epoch milliseconds; '' if unreadable. */
export function timeOfDay(value) {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : clock.format(date);
}

/** A price with two decimals. */
export function price(value) {
  return money.format(Number(value));
}

/** A signed amount with two decimals: +1.25, −0.50, 0.00. */
export function signed(value) {
  const number = Number(value);
  if (number > 0) return `+${money.format(number)}`;
  if (number < 0) return `\u2212${money.format(-number)}`;
  return money.format(0);
}

/** up, down or flat, for colouring a change. */
export function direction(value) {
  const number = Number(value);
  if (number > 0) return 'up';
  if (number < 0) return 'down';
  return 'flat';
}

/** "1 event", "3 events". */
export function count(number, singular, plural = `${singular}s`) {
  return `${number} ${number === 1 ? singular : plural}`;
}
