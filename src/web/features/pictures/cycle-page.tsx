import { type DateValue, parseDate } from '@internationalized/date';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-aria-components';
import { useSearchParams } from 'react-router';
import { PageHeading } from '../../app/page-heading.tsx';
import { useFormat, useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { Checkbox } from '../../ui/checkbox.tsx';
import { DatePicker } from '../../ui/date-picker.tsx';
import { ListBoxItem } from '../../ui/list-box.tsx';
import { Select } from '../../ui/select.tsx';
import { Table, TableBodyRows, TableCell, TableColumn, TableHead, TableRow } from '../../ui/table.tsx';
import { useResource } from '../../ui/use-resource.ts';
import {
  type CycleOrganisation,
  type CycleResponse,
  fetchCycle,
  setCycleDeadline,
  snapshotFailureText,
} from './snapshot-api.ts';
import './snapshots.css';

/** /pictures/cycle: the executive board's view of the year's submissions. */
export function CyclePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2200 ? asked : null;
  const cycle = useResource((signal) => fetchCycle(year, signal), `cycle:${year ?? 'now'}`);
  const [onlyLate, setOnlyLate] = useState(params.get('late') === '1');
  const [announcement, setAnnouncement] = useState('');
  const [saved, setSaved] = useState<CycleResponse | null>(null);
  const data = saved && saved.year === cycle.data?.year ? saved : cycle.data;

  const shownYear = data?.year ?? year;
  const years = shownYear ? [shownYear - 3, shownYear - 2, shownYear - 1, shownYear, shownYear + 1] : [];

  const rows = (data?.organisations ?? []).filter((o) => !onlyLate || o.late);

  return (
    <div className="cycle-page">
      <PageHeading title={t('snapshots.cycle.title')} />
      <p>{t('snapshots.cycle.intro')}</p>
      <p role="status" className="snapshot-live">
        {cycle.status === 'loading' ? t('snapshots.cycle.loading') : announcement}
      </p>
      {cycle.status === 'error' ? (
        <Alert tone="error">
          <p>{snapshotFailureText(t, cycle.error)}</p>
          <Button onPress={cycle.reload}>{t('snapshots.retry')}</Button>
        </Alert>
      ) : null}
      <div className="cycle-toolbar">
        {shownYear ? (
          <Select
            label={t('snapshots.cycle.year')}
            selectedKey={String(shownYear)}
            onSelectionChange={(key) => {
              setSaved(null);
              setAnnouncement('');
              const next = new URLSearchParams(params);
              next.set('year', String(key));
              setParams(next);
            }}
            items={years.map((y) => ({ id: String(y) }))}
          >
            {(item) => <ListBoxItem id={item.id}>{item.id}</ListBoxItem>}
          </Select>
        ) : null}
        <Checkbox
          isSelected={onlyLate}
          onChange={(v) => {
            setOnlyLate(v);
            const next = new URLSearchParams(params);
            if (v) next.set('late', '1');
            else next.delete('late');
            setParams(next, { replace: true });
          }}
        >
          {t('snapshots.cycle.onlyLate')}
        </Checkbox>
      </div>
      {data ? (
        <>
          <DeadlineSection
            cycle={data}
            onSaved={(next) => {
              setSaved(next);
              setAnnouncement(t('snapshots.cycle.deadlineSaved', { year: next.year, date: next.deadline }));
            }}
          />
          <Counts cycle={data} />
          <CycleTable cycle={data} rows={rows} onlyLate={onlyLate} />
        </>
      ) : null}
    </div>
  );
}

function Counts({ cycle }: { cycle: CycleResponse }) {
  const t = useT();
  const format = useFormat();
  return (
    <section aria-labelledby="cycle-counts-heading">
      <h2 id="cycle-counts-heading" className="visually-hidden">
        {t('snapshots.cycle.counts', {
          submitted: format.number(cycle.counts.submitted),
          total: format.number(cycle.counts.total),
          late: format.number(cycle.counts.late),
        })}
      </h2>
      <dl className="cycle-counts">
        <div>
          <dt>{t('snapshots.cycle.countSubmitted')}</dt>
          <dd data-testid="cycle-count-submitted">{format.number(cycle.counts.submitted)}</dd>
        </div>
        <div>
          <dt>{t('snapshots.cycle.countLate')}</dt>
          <dd data-testid="cycle-count-late">{format.number(cycle.counts.late)}</dd>
        </div>
        <div>
          <dt>{t('snapshots.cycle.countTotal')}</dt>
          <dd data-testid="cycle-count-total">{format.number(cycle.counts.total)}</dd>
        </div>
      </dl>
    </section>
  );
}

function DeadlineSection({ cycle, onSaved }: { cycle: CycleResponse; onSaved: (c: CycleResponse) => void }) {
  const t = useT();
  const format = useFormat();
  const [value, setValue] = useState<DateValue | null>(() => parseDate(cycle.deadline));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState(false);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    if (!value) return;
    setBusy(true);
    setError(null);
    try {
      onSaved(await setCycleDeadline(cycle.year, value.toString()));
    } catch (e) {
      setError(snapshotFailureText(t, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="cycle-deadline-heading">
      <h2 id="cycle-deadline-heading">{t('snapshots.cycle.deadline')}</h2>
      <p data-testid="cycle-deadline">
        {format.date(cycle.deadline)} {cycle.deadlineIsDefault ? t('snapshots.cycle.deadlineDefault') : ''}
      </p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <form
        className="cycle-deadline-form"
        onSubmit={save}
        noValidate
        aria-label={t('snapshots.cycle.editDeadline')}
      >
        <DatePicker
          label={t('snapshots.cycle.newDeadline')}
          value={value}
          onChange={setValue}
          isRequired
          isInvalid={submitted && !value}
          errorMessage={t('snapshots.cycle.deadlineRequired')}
        />
        <Button type="submit" isDisabled={busy}>
          {t('snapshots.cycle.saveDeadline')}
        </Button>
      </form>
    </section>
  );
}

function CycleTable({
  cycle,
  rows,
  onlyLate,
}: {
  cycle: CycleResponse;
  rows: CycleOrganisation[];
  onlyLate: boolean;
}) {
  const t = useT();
  const format = useFormat();
  if (rows.length === 0) return <p>{onlyLate ? t('snapshots.cycle.noneLate') : t('snapshots.cycle.none')}</p>;
  return (
    <Table aria-label={t('snapshots.cycle.tableLabel', { year: cycle.year })}>
      <TableHead>
        <TableColumn isRowHeader>{t('snapshots.cycle.col.organisation')}</TableColumn>
        <TableColumn>{t('snapshots.cycle.col.status')}</TableColumn>
        <TableColumn>{t('snapshots.cycle.col.submitted')}</TableColumn>
        <TableColumn>{t('snapshots.cycle.col.open')}</TableColumn>
      </TableHead>
      <TableBodyRows items={rows.map((r) => ({ ...r, id: r.organisation.id }))}>
        {(r) => (
          <TableRow id={r.id}>
            <TableCell>
              {r.organisation.name}
              {r.organisation.kind === 'company' ? ` (${t('snapshots.kind.company')})` : ''}
            </TableCell>
            <TableCell>
              <span className="snapshot-actions">
                <span className={`cycle-badge cycle-badge--${r.status}`}>
                  {t(`snapshots.cycle.status.${r.status}`)}
                </span>
                {r.late ? (
                  <span className="cycle-badge cycle-badge--late">{t('snapshots.cycle.late')}</span>
                ) : null}
              </span>
            </TableCell>
            <TableCell>{r.submittedAt ? format.dateTime(r.submittedAt) : t('snapshots.notYet')}</TableCell>
            <TableCell>
              {r.snapshotId ? (
                <Link
                  href={`/pictures/snapshots/${r.snapshotId}`}
                  aria-label={t('snapshots.cycle.openSubmission', { name: r.organisation.name })}
                >
                  {t('snapshots.cycle.openLink')}
                </Link>
              ) : (
                t('snapshots.cycle.noSubmission')
              )}
            </TableCell>
          </TableRow>
        )}
      </TableBodyRows>
    </Table>
  );
}
