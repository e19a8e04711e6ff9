import {
  type CalendarDateTime,
  getLocalTimeZone,
  now,
  parseDateTime,
  toCalendarDateTime,
} from '@internationalized/date';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { DatePicker } from '../../ui/date-picker.tsx';
import { localNow } from './draft.ts';

function parse(value: string): CalendarDateTime | null {
  try {
    return parseDateTime(value);
  } catch {
    return null;
  }
}

/** The local `YYYY-MM-DDTHH:mm` of the form as an ISO time with offset for the API. */
export function toIsoTime(value: string): string | null {
  if (!parse(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Whether the local time lies after now (with a minute's grace for a slow clock). */
export function isFuture(value: string): boolean {
  const iso = toIsoTime(value);
  return iso !== null && new Date(iso).getTime() > Date.now() + 60_000;
}

/** When it happened: date and time, typed segment by segment or picked; starts at now. */
export function WhenField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const { t } = useI18n();
  const max = toCalendarDateTime(now(getLocalTimeZone())).set({ second: 59, millisecond: 999 });
  return (
    <div id="report-field-occurredAt">
      <DatePicker
        label={t('report.field.when')}
        description={t('report.field.whenHint')}
        isRequired
        granularity="minute"
        hourCycle={24}
        hideTimeZone
        value={parse(value)}
        maxValue={max}
        onChange={(next) => onChange(next ? next.toString().slice(0, 16) : '')}
        isInvalid={Boolean(error)}
        errorMessage={error ?? t('report.error.future')}
      />
    </div>
  );
}

export { localNow };
