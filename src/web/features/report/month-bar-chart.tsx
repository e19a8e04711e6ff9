import { useId } from 'react';
import { useFormat, useI18n } from '../../i18n/i18n-provider.tsx';
import { INTL_LOCALE } from '../../i18n/locale.ts';
import '../../ui/visual.css';
import './report.css';

export interface MonthSeries {
  /** 'YYYY-MM', oldest first, every month of the period (zeros included). */
  months: string[];
  /** Rows of the table: one per type, with a count per month. */
  rows: { label: string; counts: number[] }[];
}

/** Every month from `from` to `to` (both 'YYYY-MM'), inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/**
 * A plain bar chart of counts per month (no chart library needed for this), its main finding
 * in words, and the same figures as a table under "Visa uppgifterna som tabell".
 */
export function MonthBarChart({ title, series }: { title: string; series: MonthSeries }) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const captionId = useId();
  const longMonth = new Intl.DateTimeFormat(INTL_LOCALE[locale], { month: 'long', year: 'numeric' });
  const label = (month: string) => longMonth.format(new Date(`${month}-15T12:00:00`));
  const totals = series.months.map((_, i) => series.rows.reduce((sum, row) => sum + (row.counts[i] ?? 0), 0));
  const total = totals.reduce((a, b) => a + b, 0);
  const max = Math.max(1, ...totals);
  const peak = totals.indexOf(Math.max(...totals));
  const peaks = totals.filter((n) => n === totals[peak]).length;
  const summary =
    total === 0
      ? t('report.chart.none')
      : peaks > 1
        ? t('report.chart.summaryEven', { total: format.number(total), count: format.number(totals[peak]!) })
        : t('report.chart.summary', {
            total: format.number(total),
            month: label(series.months[peak]!),
            count: format.number(totals[peak]!),
          });

  const shortMonth = new Intl.DateTimeFormat(INTL_LOCALE[locale], { month: 'short' });
  const every = series.months.length > 18 ? 3 : 1;

  return (
    <figure className="visual report-chart" aria-labelledby={captionId}>
      <figcaption id={captionId} className="visual__caption">
        <span className="visual__title">{title}</span>
        <span className="visual__description">{summary}</span>
      </figcaption>
      {/* The bars are drawn with HTML so their labels follow the text size; the figures are in the table. */}
      <div className="report-chart__plot" role="img" aria-label={`${title}. ${summary}`}>
        {totals.map((count, i) => {
          const month = series.months[i]!;
          const newYear = i === 0 || month.endsWith('-01');
          return (
            <div key={month} className="report-chart__col" aria-hidden="true">
              <span className="report-chart__value">{count > 0 ? count : ''}</span>
              <span className="report-chart__track">
                <span className="report-chart__bar" style={{ height: `${(100 * count) / max}%` }} />
              </span>
              <span className="report-chart__label">
                {i % every === 0 ? shortMonth.format(new Date(`${month}-15T12:00:00`)) : ''}
                <span className="report-chart__year">{newYear ? month.slice(0, 4) : ''}</span>
              </span>
            </div>
          );
        })}
      </div>
      <details className="visual__alternative">
        <summary>{t('ui.tableAlternative')}</summary>
        <div className="report-table-scroll">
          <table className="report-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('report.chart.month')}</th>
                {series.rows.map((row) => (
                  <th scope="col" key={row.label}>
                    {row.label}
                  </th>
                ))}
                <th scope="col">{t('report.chart.total')}</th>
              </tr>
            </thead>
            <tbody>
              {series.months.map((month, i) => (
                <tr key={month}>
                  <th scope="row">{label(month)}</th>
                  {series.rows.map((row) => (
                    <td key={row.label}>{format.number(row.counts[i] ?? 0)}</td>
                  ))}
                  <td>{format.number(totals[i] ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
