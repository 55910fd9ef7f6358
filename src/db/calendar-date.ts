/** "YYYY-MM-DD" of a date column (pg parses dates as local midnight, so local getters are exact). */
export function calendarDate(value: Date | string | null): string | null {
  if (value === null || typeof value === 'string') return value;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}
