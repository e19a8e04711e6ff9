import type { Ref } from 'react';
import {
  DatePicker as AriaDatePicker,
  type DatePickerProps as AriaDatePickerProps,
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
  DateInput,
  DateSegment,
  type DateValue,
  Dialog,
  Group,
  Heading,
  Popover,
} from 'react-aria-components';
import { withClass } from './class-names.ts';
import { type FieldBaseProps, FieldHelp, FieldLabel } from './field-parts.tsx';
import './date-picker.css';
import './field.css';
import './overlay.css';

export type { DateValue };

export interface DatePickerProps<T extends DateValue>
  extends Omit<AriaDatePickerProps<T>, 'children'>,
    FieldBaseProps {
  /** The field's wrapper element (e.g. to focus its first segment). */
  ref?: Ref<HTMLDivElement>;
}

/**
 * A date typed segment by segment (year, month, day in the active locale's order) or picked from a
 * calendar. The value is an `@internationalized/date` object; `value.toString()` gives `YYYY-MM-DD`.
 */
export function DatePicker<T extends DateValue>({
  label,
  description,
  errorMessage,
  className,
  ...props
}: DatePickerProps<T>) {
  return (
    <AriaDatePicker {...props} className={withClass('field', className)}>
      <FieldLabel isRequired={props.isRequired}>{label}</FieldLabel>
      <Group className="field__input datepicker__group">
        <DateInput className="datepicker__input">
          {(segment) => <DateSegment segment={segment} className="datepicker__segment" />}
        </DateInput>
        {/* React Aria names this button ("Kalender" / "Calendar"). */}
        <Button className="datepicker__button">
          <CalendarIcon />
        </Button>
      </Group>
      <FieldHelp description={description} errorMessage={errorMessage} />
      <Popover className="popover">
        <Dialog className="calendar-dialog">
          <Calendar className="calendar">
            <header className="calendar__header">
              <Button slot="previous" className="calendar__nav">
                <span aria-hidden="true">‹</span>
              </Button>
              <Heading className="calendar__heading" />
              <Button slot="next" className="calendar__nav">
                <span aria-hidden="true">›</span>
              </Button>
            </header>
            <CalendarGrid className="calendar__grid">
              {(date) => <CalendarCell date={date} className="calendar__cell" />}
            </CalendarGrid>
          </Calendar>
        </Dialog>
      </Popover>
    </AriaDatePicker>
  );
}

function CalendarIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 20 20" fill="none">
      <rect x="3" y="4.5" width="14" height="12.5" rx="1.5" stroke="currentColor" strokeWidth="1.6" />
      <path d="M3 8.5h14M7 2.5v4M13 2.5v4" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}
