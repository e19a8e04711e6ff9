import type { ReactNode } from 'react';
import {
  Table as AriaTable,
  type TableProps as AriaTableProps,
  Cell,
  type CellProps,
  Column,
  type ColumnProps,
  Row,
  type RowProps,
  TableBody,
  type TableBodyProps,
  TableHeader,
  type TableHeaderProps,
} from 'react-aria-components';
import { withClass } from './class-names.ts';
import './table.css';

export interface TableProps extends AriaTableProps {
  /** The accessible name of the table; required because a table must be named. */
  'aria-label': string;
  children: ReactNode;
}

/**
 * A data table (a React Aria grid: Tab enters it, arrow keys move between cells). On a narrow screen
 * it scrolls sideways; moving between cells with the keyboard scrolls the focused cell into view.
 */
export function Table({ className, ...props }: TableProps) {
  return (
    <div className="table-scroll">
      <AriaTable {...props} className={withClass('table', className)} />
    </div>
  );
}

export function TableHead<T extends object>({ className, ...props }: TableHeaderProps<T>) {
  return <TableHeader {...props} className={withClass('table__head', className)} />;
}

export function TableColumn({ className, ...props }: ColumnProps) {
  return <Column {...props} className={withClass('table__column', className)} />;
}

export function TableBodyRows<T extends object>({ className, ...props }: TableBodyProps<T>) {
  return <TableBody {...props} className={withClass('table__body', className)} />;
}

export function TableRow<T extends object>({ className, ...props }: RowProps<T>) {
  return <Row {...props} className={withClass('table__row', className)} />;
}

export function TableCell({ className, ...props }: CellProps) {
  return <Cell {...props} className={withClass('table__cell', className)} />;
}
