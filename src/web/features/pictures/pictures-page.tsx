import { type FormEvent, useState } from 'react';
import { Link } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { PageHeading } from '../../app/page-heading.tsx';
import { useFormat, useI18n, useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button, LinkButton } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ListBoxItem } from '../../ui/list-box.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { Select } from '../../ui/select.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { useResource } from '../../ui/use-resource.ts';
import {
  addMonths,
  createPicture,
  failureText,
  fetchScopes,
  listPictures,
  type PictureScopes,
} from './api.ts';
import { rangeText } from './figures-format.tsx';
import { AreaChooser, type PeriodDraft, PeriodFields, periodErrors } from './picture-fields.tsx';
import '../../ui/table.css';
import './pictures.css';

/** /pictures: the pictures I work on, and a new one. */
export function PicturesPage() {
  const t = useT();
  const pictures = useResource(listPictures, 'pictures');
  const scopes = useResource(fetchScopes, 'scopes');
  return (
    <>
      <PageHeading title={t('pictures.list.title')} />
      <p>{t('pictures.list.intro')}</p>
      <p>
        <LinkButton href="/pictures/explore">{t('pictures.list.explore')}</LinkButton>
      </p>
      <section aria-labelledby="pictures-mine" className="picture-section">
        <h2 id="pictures-mine">{t('pictures.list.heading')}</h2>
        <PictureList resource={pictures} />
      </section>
      <section aria-labelledby="pictures-new" className="picture-section">
        <h2 id="pictures-new">{t('pictures.new.heading')}</h2>
        {scopes.status === 'loading' && !scopes.data ? (
          <ProgressBar label={t('pictures.scopes.loading')} isIndeterminate />
        ) : null}
        {scopes.status === 'error' ? (
          <Alert tone="error" title={t('pictures.scopes.failed')}>
            <p>{failureText(t, scopes.error)}</p>
            <Button onPress={scopes.reload}>{t('pictures.retry')}</Button>
          </Alert>
        ) : null}
        {scopes.data ? <NewPictureForm scopes={scopes.data} /> : null}
      </section>
    </>
  );
}

function PictureList({
  resource,
}: {
  resource: ReturnType<typeof useResource<Awaited<ReturnType<typeof listPictures>>>>;
}) {
  const t = useT();
  const format = useFormat();
  const { locale } = useI18n();
  if (resource.status === 'loading' && !resource.data)
    return <ProgressBar label={t('pictures.list.loading')} isIndeterminate />;
  if (resource.status === 'error')
    return (
      <Alert tone="error" title={t('pictures.list.failed')}>
        <p>{failureText(t, resource.error)}</p>
        <Button onPress={resource.reload}>{t('pictures.retry')}</Button>
      </Alert>
    );
  const items = resource.data?.pictures ?? [];
  if (items.length === 0)
    return (
      <EmptyState title={t('pictures.list.empty')}>
        <p>{t('pictures.list.emptyBody')}</p>
      </EmptyState>
    );
  return (
    // biome-ignore lint/a11y/useSemanticElements: a named group around a table, not a form fieldset
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1)
    <div className="table-scroll" tabIndex={0} role="group" aria-label={t('pictures.list.caption')}>
      <table className="table">
        <caption className="visually-hidden">{t('pictures.list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="table__column">
              {t('pictures.list.colTitle')}
            </th>
            <th scope="col" className="table__column">
              {t('pictures.list.colOrganisation')}
            </th>
            <th scope="col" className="table__column">
              {t('pictures.list.colYear')}
            </th>
            <th scope="col" className="table__column">
              {t('pictures.list.colPeriod')}
            </th>
            <th scope="col" className="table__column">
              {t('pictures.list.colStatus')}
            </th>
            <th scope="col" className="table__column">
              {t('pictures.list.colUpdated')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.id}>
              <td className="table__cell">
                <Link href={`/pictures/${p.id}`}>{p.title}</Link>
              </td>
              <td className="table__cell">{p.organisation.name}</td>
              <td className="table__cell">{p.cycleYear}</td>
              <td className="table__cell">{rangeText(p.period, locale, t)}</td>
              <td className="table__cell">
                {p.latestSnapshot
                  ? t(`pictures.status.${p.latestSnapshot.status}`, { version: p.latestSnapshot.version })
                  : t('pictures.status.none')}
              </td>
              <td className="table__cell">{format.dateTime(p.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function defaultPeriod(scopes: PictureScopes): PeriodDraft {
  // The twelve months up to the last whole one: the current month is not over yet.
  const last = addMonths(scopes.months.last, -1);
  return { from: addMonths(last, -11), to: last, compareFrom: '', compareTo: '' };
}

function NewPictureForm({ scopes }: { scopes: PictureScopes }) {
  const t = useT();
  const navigate = useNavigate();
  const [organisationId, setOrganisationId] = useState<string | null>(
    scopes.organisations.length === 1 ? (scopes.organisations[0]?.id ?? null) : null,
  );
  const [title, setTitle] = useState('');
  const [year, setYear] = useState(scopes.months.last.slice(0, 4));
  const [period, setPeriod] = useState<PeriodDraft>(() => defaultPeriod(scopes));
  const [areaIds, setAreaIds] = useState<string[]>([]);
  const [showErrors, setShowErrors] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  if (scopes.organisations.length === 0) return <p>{t('pictures.new.noScopes')}</p>;

  const yearValid = /^\d{4}$/.test(year);
  const errors = periodErrors(period);
  const valid =
    organisationId !== null && title.trim() !== '' && yearValid && Object.keys(errors).length === 0;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setShowErrors(true);
    if (!valid || !organisationId) return;
    setSaving(true);
    setFailure(null);
    try {
      const created = await createPicture({
        organisationId,
        title: title.trim(),
        cycleYear: Number(year),
        areaIds,
        period: { from: period.from, to: period.to },
        ...(period.compareFrom ? { comparison: { from: period.compareFrom, to: period.compareTo } } : {}),
      });
      navigate(`/pictures/${created.id}`);
    } catch (error) {
      setFailure(error);
      setSaving(false);
    }
  };

  return (
    <form className="picture-form" onSubmit={submit} noValidate>
      {failure ? (
        <Alert tone="error" title={t('pictures.new.failed')}>
          <p>{failureText(t, failure)}</p>
        </Alert>
      ) : null}
      <Select
        label={t('pictures.new.organisation')}
        items={scopes.organisations}
        selectedKey={organisationId}
        onSelectionChange={(key) => setOrganisationId(key === null ? null : String(key))}
        isRequired
        isInvalid={showErrors && organisationId === null}
        errorMessage={t('pictures.new.required', {
          field: t('pictures.new.organisation').toLocaleLowerCase(),
        })}
      >
        {(o) => (
          <ListBoxItem id={o.id} textValue={o.name}>
            {o.name}
          </ListBoxItem>
        )}
      </Select>
      <TextField
        label={t('pictures.new.title')}
        description={t('pictures.new.titleHelp')}
        value={title}
        onChange={setTitle}
        isRequired
        isInvalid={showErrors && title.trim() === ''}
        errorMessage={t('pictures.new.required', { field: t('pictures.new.title').toLocaleLowerCase() })}
      />
      <TextField
        label={t('pictures.new.cycleYear')}
        value={year}
        onChange={setYear}
        inputMode="numeric"
        isRequired
        isInvalid={showErrors && !yearValid}
        errorMessage={t('pictures.new.required', { field: t('pictures.new.cycleYear').toLocaleLowerCase() })}
      />
      <PeriodFields value={period} onChange={setPeriod} showErrors={showErrors} />
      <AreaChooser
        legend={t('pictures.new.areas')}
        description={t('pictures.new.areasHelp')}
        areas={scopes.areas}
        selected={areaIds}
        onChange={setAreaIds}
      />
      <div className="picture-actions">
        <Button type="submit" variant="primary" isDisabled={saving}>
          {saving ? t('pictures.new.saving') : t('pictures.new.submit')}
        </Button>
      </div>
    </form>
  );
}
