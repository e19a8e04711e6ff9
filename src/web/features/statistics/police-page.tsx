import { useEffect, useId, useRef, useState } from 'react';
import { FileTrigger } from 'react-aria-components';
import type { Task } from '../../../domain/api/pictures.ts';
import type {
  PoliceEventListQuery,
  PoliceImportResult,
  PoliceMappingListResponse,
  PoliceTypeMapping,
} from '../../../domain/api/police.ts';
import { isApiError } from '../../api/client.ts';
import { followTask } from '../../api/tasks.ts';
import { PageHeading } from '../../app/page-heading.tsx';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import type { MessageKey } from '../../i18n/translate.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { Checkbox } from '../../ui/checkbox.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { useResource } from '../../ui/use-resource.ts';
import {
  fetchPoliceEvents,
  fetchPoliceFeedStatus,
  fetchPoliceMappings,
  fetchUnmappedPoliceTypes,
  savePoliceMapping,
  startPoliceImport,
} from './police-api.ts';
import './statistics.css';

/** A message without parameters whose key is built at run time (levels, rules, stages, origins). */
const dynamic = (t: (k: MessageKey) => string, k: string) => t(k as MessageKey);

interface EventError {
  index: number;
  id: string | number | null;
  field: string;
  message: string;
}
type Outcome =
  | { kind: 'done'; file: string; result: PoliceImportResult }
  | { kind: 'invalid'; file: string; errors: EventError[]; count: number }
  | { kind: 'error'; message: string };

function UploadSection({ onImported }: { onImported: () => void }) {
  const { t, format } = useI18n();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [task, setTask] = useState<Task | null>(null);
  const [working, setWorking] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const run = async () => {
    if (!file) {
      setMissing(true);
      return;
    }
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setWorking(true);
    setOutcome(null);
    setTask(null);
    const fileName = file.name;
    try {
      let events: unknown[];
      try {
        events = JSON.parse(await file.text());
      } catch (e) {
        setOutcome({ kind: 'error', message: t('police.upload.notJson', { message: (e as Error).message }) });
        return;
      }
      const started = await startPoliceImport(events, fileName);
      setTask(started);
      const finished = await followTask(started.id, setTask, controller.signal);
      if (finished.status === 'succeeded')
        setOutcome({ kind: 'done', file: fileName, result: finished.result as PoliceImportResult });
      else {
        const details = finished.error?.details as { errors?: EventError[]; errorCount?: number } | undefined;
        if (details?.errors && details.errors.length > 0)
          setOutcome({
            kind: 'invalid',
            file: fileName,
            errors: details.errors,
            count: details.errorCount ?? 0,
          });
        else setOutcome({ kind: 'error', message: finished.error?.message ?? '' });
      }
      onImported();
    } catch (e) {
      if (controller.signal.aborted) return;
      setOutcome({ kind: 'error', message: isApiError(e) ? e.message : String(e) });
    } finally {
      if (!controller.signal.aborted) {
        setWorking(false);
        setTask(null);
      }
    }
  };

  const stage = task?.progress.stage ?? 'queued';
  return (
    <section aria-labelledby={`${id}-h`} className="statistics-card">
      <h2 id={`${id}-h`}>{t('police.upload.heading')}</h2>
      <p>{t('police.upload.help')}</p>
      <div className="field">
        <span className="field__label" id={`${id}-label`}>
          {t('police.upload.fileLabel')}
        </span>
        <div className="statistics-card__file">
          <FileTrigger
            acceptedFileTypes={['application/json', '.json']}
            onSelect={(files) => {
              setFile(files?.[0] ?? null);
              setMissing(false);
              setOutcome(null);
            }}
          >
            <Button aria-describedby={`${id}-label ${id}-name`} isDisabled={working}>
              {t('police.upload.choose')}
            </Button>
          </FileTrigger>
          <span id={`${id}-name`}>{file ? file.name : t('police.upload.noFile')}</span>
        </div>
        {missing ? (
          <p className="field__error" role="alert">
            {t('police.upload.fileRequired')}
          </p>
        ) : null}
      </div>
      <div>
        <Button variant="primary" onPress={() => void run()} isDisabled={working}>
          {working ? t('police.upload.working') : t('police.upload.start')}
        </Button>
      </div>
      {working ? (
        <ProgressBar
          label={t('police.upload.progress', {
            stage: dynamic(
              t as never,
              `police.stage.${['validating', 'writing'].includes(stage) ? stage : 'queued'}`,
            ),
          })}
          minValue={0}
          maxValue={task?.progress.total || 1}
          value={task?.progress.total ? task.progress.done : 0}
          isIndeterminate={!task?.progress.total}
        />
      ) : null}
      {outcome?.kind === 'done' ? (
        <Alert tone="success" title={t('police.upload.doneTitle')}>
          <p>
            {t('police.upload.done', {
              file: outcome.file,
              total: format.number(outcome.result.total),
              created: format.number(outcome.result.created),
              updated: format.number(outcome.result.updated),
              unchanged: format.number(outcome.result.unchanged),
              inMunicipality: format.number(outcome.result.inMunicipality),
              unplaced: format.number(outcome.result.unplaced),
            })}
          </p>
          {outcome.result.unmappedTypes.length > 0 ? (
            <p>{t('police.upload.unmapped', { types: outcome.result.unmappedTypes.join(', ') })}</p>
          ) : null}
        </Alert>
      ) : null}
      {outcome?.kind === 'error' ? (
        <Alert tone="error" title={t('police.upload.failedTitle')}>
          {outcome.message}
        </Alert>
      ) : null}
      {outcome?.kind === 'invalid' ? (
        <>
          <Alert tone="error" title={t('police.upload.failedTitle')}>
            {t('police.upload.failedEvents', { count: format.number(outcome.count) })}
          </Alert>
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">
                {t('police.upload.errorsCaption', { file: outcome.file })}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="table__column">
                    {t('police.upload.index')}
                  </th>
                  <th scope="col" className="table__column">
                    {t('police.upload.id')}
                  </th>
                  <th scope="col" className="table__column">
                    {t('police.upload.field')}
                  </th>
                  <th scope="col" className="table__column">
                    {t('police.upload.problem')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {outcome.errors.map((e, i) => (
                  <tr key={`${e.index}-${e.field}-${i.toString()}`} className="table__row">
                    <td className="table__cell">{e.index + 1}</td>
                    <td className="table__cell">{e.id ?? ''}</td>
                    <td className="table__cell">{e.field}</td>
                    <td className="table__cell">{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}

function FeedSection({ version }: { version: number }) {
  const { t, format } = useI18n();
  const status = useResource((signal) => fetchPoliceFeedStatus(signal), String(version));
  const s = status.data;
  return (
    <section aria-labelledby="police-feed-h">
      <h2 id="police-feed-h">{t('police.feed.heading')}</h2>
      {status.status === 'error' ? <Alert tone="error">{t('police.loadFailed')}</Alert> : null}
      {s ? (
        <>
          <p>
            {s.configured && s.url
              ? t('police.feed.on', { url: s.url, minutes: s.intervalMinutes })
              : t('police.feed.off')}
          </p>
          <p data-testid="police-feed-stored">
            {t('police.feed.stored', {
              stored: format.number(s.storedEvents),
              own: format.number(s.municipalityEvents),
            })}
          </p>
          {s.lastImport ? (
            <p>
              {t('police.feed.lastImport', {
                when: format.dateTime(s.lastImport.importedAt),
                origin: dynamic(t as never, `police.feed.origin.${s.lastImport.origin}`),
                rows: format.number(s.lastImport.rowCount),
                created: format.number(s.lastImport.created),
                updated: format.number(s.lastImport.updated),
              })}
            </p>
          ) : null}
          {s.fetches.length === 0 ? (
            <p>{t('police.feed.noFetches')}</p>
          ) : (
            <div className="table-scroll">
              <table className="table">
                <caption>{t('police.feed.fetchesCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="table__column">
                      {t('police.feed.when')}
                    </th>
                    <th scope="col" className="table__column">
                      {t('police.feed.status')}
                    </th>
                    <th scope="col" className="table__column">
                      {t('police.feed.events')}
                    </th>
                    <th scope="col" className="table__column">
                      {t('police.feed.error')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {s.fetches.map((f) => (
                    <tr key={f.fetchedAt} className="table__row">
                      <td className="table__cell">{format.dateTimeSeconds(f.fetchedAt)}</td>
                      <td className="table__cell">{f.status ?? '–'}</td>
                      <td className="table__cell">
                        {f.eventCount === null ? '–' : format.number(f.eventCount)}
                      </td>
                      <td className="table__cell">{f.error ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}

function MappingRow({
  mapping,
  options,
  onSaved,
}: {
  mapping: PoliceTypeMapping;
  options: PoliceMappingListResponse;
  onSaved: (message: string, ok: boolean) => void;
}) {
  const { t, locale, format } = useI18n();
  const [incidentTypeId, setIncidentTypeId] = useState(mapping.incidentTypeId ?? '');
  const [focusAreas, setFocusAreas] = useState<string[]>(mapping.focusAreas);
  const [extremism, setExtremism] = useState(mapping.violentExtremism);
  const [counted, setCounted] = useState(mapping.counted);
  const [saving, setSaving] = useState(false);
  const dirty =
    incidentTypeId !== (mapping.incidentTypeId ?? '') ||
    [...focusAreas].sort().join() !== [...mapping.focusAreas].sort().join() ||
    extremism !== mapping.violentExtremism ||
    counted !== mapping.counted;
  const save = async () => {
    setSaving(true);
    try {
      await savePoliceMapping({
        policeType: mapping.policeType,
        incidentTypeId: incidentTypeId || null,
        focusAreas: focusAreas as never,
        violentExtremism: extremism,
        counted,
      });
      onSaved(t('police.mappings.saved', { type: mapping.policeType }), true);
    } catch (e) {
      onSaved(t('police.mappings.saveFailed', { message: isApiError(e) ? e.message : String(e) }), false);
    } finally {
      setSaving(false);
    }
  };
  const label = (o: { labelSv: string; labelEn: string }) => (locale === 'sv' ? o.labelSv : o.labelEn);
  return (
    <tr className="table__row">
      <th scope="row" className="table__cell">
        {mapping.policeType}
      </th>
      <td className="table__cell">{format.number(mapping.eventCount)}</td>
      <td className="table__cell">
        <select
          className="field__input"
          aria-label={t('police.mappings.incidentTypeFor', { type: mapping.policeType })}
          value={incidentTypeId}
          onChange={(e) => setIncidentTypeId(e.target.value)}
        >
          <option value="">{t('police.mappings.noIncidentType')}</option>
          {options.incidentTypes.map((o) => (
            <option key={o.id} value={o.id}>
              {label(o)}
            </option>
          ))}
        </select>
      </td>
      <td className="table__cell">
        {options.focusAreas.map((f) => (
          <Checkbox
            key={f.code}
            isSelected={focusAreas.includes(f.code)}
            onChange={(on) =>
              setFocusAreas((cur) => (on ? [...cur, f.code] : cur.filter((c) => c !== f.code)))
            }
            aria-label={`${mapping.policeType}: ${label(f)}`}
          >
            {label(f)}
          </Checkbox>
        ))}
      </td>
      <td className="table__cell">
        <Checkbox
          isSelected={extremism}
          onChange={setExtremism}
          aria-label={`${mapping.policeType}: ${t('police.mappings.extremism')}`}
        >
          <span className="visually-hidden">{t('police.mappings.extremism')}</span>
        </Checkbox>
      </td>
      <td className="table__cell">
        <Checkbox
          isSelected={counted}
          onChange={setCounted}
          aria-label={`${mapping.policeType}: ${t('police.mappings.counted')}`}
        >
          <span className="visually-hidden">{t('police.mappings.counted')}</span>
        </Checkbox>
      </td>
      <td className="table__cell">
        <Button
          onPress={() => void save()}
          isDisabled={!dirty || saving}
          aria-label={t('police.mappings.saveFor', { type: mapping.policeType })}
        >
          {t('police.mappings.save')}
        </Button>
      </td>
    </tr>
  );
}

function MappingSection({ version, onChanged }: { version: number; onChanged: () => void }) {
  const { t, format } = useI18n();
  const mappings = useResource((signal) => fetchPoliceMappings(signal), String(version));
  const unmapped = useResource((signal) => fetchUnmappedPoliceTypes(signal), String(version));
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  // Types with stored events by default; the rest of the seeded types on request.
  const [showAll, setShowAll] = useState(false);
  const data = mappings.data;
  const rows = data ? data.items.filter((m) => showAll || m.eventCount > 0) : [];
  const saved = (text: string, ok: boolean) => {
    setMessage({ text, ok });
    if (ok) onChanged();
  };
  const addMapping = async (policeType: string) => {
    try {
      await savePoliceMapping({
        policeType,
        incidentTypeId: null,
        focusAreas: [],
        violentExtremism: false,
        counted: true,
      });
      saved(t('police.mappings.saved', { type: policeType }), true);
    } catch (e) {
      saved(t('police.mappings.saveFailed', { message: isApiError(e) ? e.message : String(e) }), false);
    }
  };
  return (
    <>
      <section aria-labelledby="police-unmapped-h">
        <h2 id="police-unmapped-h">{t('police.unmapped.heading')}</h2>
        {unmapped.data && unmapped.data.items.length === 0 ? <p>{t('police.unmapped.none')}</p> : null}
        {unmapped.data && unmapped.data.items.length > 0 ? (
          <div className="table-scroll">
            <table className="table">
              <caption>{t('police.unmapped.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="table__column">
                    {t('police.mappings.type')}
                  </th>
                  <th scope="col" className="table__column">
                    {t('police.mappings.events')}
                  </th>
                  <th scope="col" className="table__column">
                    <span className="visually-hidden">{t('police.unmapped.add')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {unmapped.data.items.map((u) => (
                  <tr key={u.policeType} className="table__row">
                    <th scope="row" className="table__cell">
                      {u.policeType}
                    </th>
                    <td className="table__cell">{format.number(u.count)}</td>
                    <td className="table__cell">
                      <Button
                        onPress={() => void addMapping(u.policeType)}
                        aria-label={t('police.unmapped.addFor', { type: u.policeType })}
                      >
                        {t('police.unmapped.add')}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <section aria-labelledby="police-mappings-h">
        <h2 id="police-mappings-h">{t('police.mappings.heading')}</h2>
        <p>{t('police.mappings.help')}</p>
        {message ? <Alert tone={message.ok ? 'success' : 'error'}>{message.text}</Alert> : null}
        {mappings.status === 'error' ? <Alert tone="error">{t('police.loadFailed')}</Alert> : null}
        <Checkbox isSelected={showAll} onChange={setShowAll}>
          {t('police.mappings.showAll')}
        </Checkbox>
        {data ? (
          <div className="table-scroll">
            <table className="table">
              <caption>{t('police.mappings.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="table__column">
                    {t('police.mappings.type')}
                  </th>
                  <th scope="col" className="table__column">
                    {t('police.mappings.events')}
                  </th>
                  <th scope="col" className="table__column">
                    {t('police.mappings.incidentType')}
                  </th>
                  <th scope="col" className="table__column">
                    {t('police.mappings.focusAreas')}
                  </th>
                  <th scope="col" className="table__column">
                    {t('police.mappings.extremism')}
                  </th>
                  <th scope="col" className="table__column">
                    {t('police.mappings.counted')}
                  </th>
                  <th scope="col" className="table__column">
                    <span className="visually-hidden">{t('police.mappings.save')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((m) => (
                  <MappingRow
                    key={`${m.policeType}-${m.updatedAt ?? ''}`}
                    mapping={m}
                    options={data}
                    onSaved={saved}
                  />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}

const LEVELS = ['municipality', 'district_area', 'neighbourhood'] as const;
const RULES = ['location_name', 'name_suffix', 'text_name', 'text_summary', 'ambiguous'] as const;
const PAGE = 25;

function ReviewSection({ version }: { version: number }) {
  const { t, format } = useI18n();
  const [level, setLevel] = useState('');
  const [rule, setRule] = useState('');
  const [ambiguous, setAmbiguous] = useState(false);
  const [offset, setOffset] = useState(0);
  const query: PoliceEventListQuery = {
    ...(level ? { level } : {}),
    ...(rule ? { rule: rule as PoliceEventListQuery['rule'] } : {}),
    ...(ambiguous ? { ambiguous: 'true' as const } : {}),
    limit: PAGE,
    offset,
  };
  const events = useResource(
    (signal) => fetchPoliceEvents(query, signal),
    `${version}|${JSON.stringify(query)}`,
  );
  const data = events.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1;
  return (
    <section aria-labelledby="police-review-h">
      <h2 id="police-review-h">{t('police.review.heading')}</h2>
      <p>{t('police.review.help')}</p>
      <div className="statistics-card__file">
        <ReviewFilter
          label={t('police.review.level')}
          all={t('police.review.all')}
          value={level}
          options={LEVELS.map((l) => [l, dynamic(t as never, `police.level.${l}`)])}
          onChange={(v) => {
            setLevel(v);
            setOffset(0);
          }}
        />
        <ReviewFilter
          label={t('police.review.rule')}
          all={t('police.review.all')}
          value={rule}
          options={RULES.map((r) => [r, dynamic(t as never, `police.rule.${r}`)])}
          onChange={(v) => {
            setRule(v);
            setOffset(0);
          }}
        />
        <Checkbox
          isSelected={ambiguous}
          onChange={(on) => {
            setAmbiguous(on);
            setOffset(0);
          }}
        >
          {t('police.review.ambiguousOnly')}
        </Checkbox>
      </div>
      {events.status === 'error' ? <Alert tone="error">{t('police.loadFailed')}</Alert> : null}
      {data ? (
        <>
          <p role="status">{t('police.review.count', { total: format.number(data.total) })}</p>
          {data.items.length === 0 ? (
            <p>{t('police.review.none')}</p>
          ) : (
            <div className="table-scroll">
              <table className="table">
                <caption>{t('police.review.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="table__column">
                      {t('police.review.when')}
                    </th>
                    <th scope="col" className="table__column">
                      {t('police.review.event')}
                    </th>
                    <th scope="col" className="table__column">
                      {t('police.review.level')}
                    </th>
                    <th scope="col" className="table__column">
                      {t('police.review.rule')}
                    </th>
                    <th scope="col" className="table__column">
                      {t('police.review.area')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((e) => (
                    <tr key={e.id} className="table__row">
                      <td className="table__cell">{format.dateTime(e.occurredAt)}</td>
                      <td className="table__cell">
                        <strong>{e.name}</strong>
                        <br />
                        {e.summary}
                      </td>
                      <td className="table__cell">{dynamic(t as never, `police.level.${e.placeLevel}`)}</td>
                      <td className="table__cell">{dynamic(t as never, `police.rule.${e.placeRule}`)}</td>
                      <td className="table__cell">
                        {e.areaName ?? '–'}
                        {e.ambiguousNames.length > 0 ? (
                          <>
                            <br />
                            {t('police.review.ambiguousNames', { names: e.ambiguousNames.join(', ') })}
                          </>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="statistics-card__file">
            <Button isDisabled={offset === 0} onPress={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('police.review.previous')}
            </Button>
            <span>{t('police.review.page', { page: Math.floor(offset / PAGE) + 1, pages })}</span>
            <Button isDisabled={offset + PAGE >= (data.total ?? 0)} onPress={() => setOffset(offset + PAGE)}>
              {t('police.review.next')}
            </Button>
          </div>
        </>
      ) : null}
    </section>
  );
}

/** /statistics/police: upload of police events, the feed's status, type mappings and attribution review. */
export function PolicePage() {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  return (
    <div className="statistics-page">
      <PageHeading title={t('police.nav')} />
      <p>{t('police.intro')}</p>
      <UploadSection onImported={bump} />
      <FeedSection version={version} />
      <MappingSection version={version} onChanged={bump} />
      <ReviewSection version={version} />
    </div>
  );
}

/** A native select filtering the review list; "all" is the empty value. */
function ReviewFilter(props: {
  label: string;
  all: string;
  value: string;
  options: [string, string][];
  onChange: (value: string) => void;
}) {
  return (
    <label className="field">
      <span className="field__label">{props.label}</span>
      <select className="field__input" value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{props.all}</option>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
