import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { PictureFiguresQuery } from '../../../domain/api/pictures.ts';
import { PageHeading } from '../../app/page-heading.tsx';
import { useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button, LinkButton } from '../../ui/button.tsx';
import { ListBoxItem } from '../../ui/list-box.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { Radio, RadioGroup } from '../../ui/radio-group.tsx';
import { Select } from '../../ui/select.tsx';
import { useResource } from '../../ui/use-resource.ts';
import {
  addMonths,
  failureText,
  fetchLiveFigures,
  fetchScopes,
  MONTH_RE,
  type PictureScopes,
} from './api.ts';
import { ExportMenu } from './export-menu.tsx';
import { PictureFiguresView } from './figures-view.tsx';
import { AreaChooser, type PeriodDraft, PeriodFields, periodErrors } from './picture-fields.tsx';
import './pictures.css';

type ScopeKind = 'city' | 'organisation' | 'areas';

/** The live query the URL describes, or null when it does not describe a complete one. */
function queryFromParams(params: URLSearchParams): PictureFiguresQuery | null {
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  if (!MONTH_RE.test(from) || !MONTH_RE.test(to)) return null;
  const query: PictureFiguresQuery = { from, to };
  const organisation = params.get('organisation');
  const areas = params.get('areas');
  if (organisation) query.organisation = organisation;
  if (areas) query.areas = areas;
  const compareFrom = params.get('compareFrom');
  const compareTo = params.get('compareTo');
  if (compareFrom && compareTo && MONTH_RE.test(compareFrom) && MONTH_RE.test(compareTo)) {
    query.compareFrom = compareFrom;
    query.compareTo = compareTo;
  }
  return query;
}

/** /pictures/explore: a live picture for chosen areas or an organisation and a period; the choice is in the URL. */
export function PictureExplorePage() {
  const t = useT();
  const scopes = useResource(fetchScopes, 'scopes');
  const [params, setParams] = useSearchParams();
  const query = queryFromParams(params);
  return (
    <>
      <PageHeading title={t('pictures.explore.title')} />
      <p>{t('pictures.explore.intro')}</p>
      <p>
        <LinkButton href="/pictures" variant="quiet">
          {t('pictures.explore.back')}
        </LinkButton>
      </p>
      {scopes.status === 'loading' && !scopes.data ? (
        <ProgressBar label={t('pictures.scopes.loading')} isIndeterminate />
      ) : null}
      {scopes.status === 'error' ? (
        <Alert tone="error" title={t('pictures.scopes.failed')}>
          <p>{failureText(t, scopes.error)}</p>
          <Button onPress={scopes.reload}>{t('pictures.retry')}</Button>
        </Alert>
      ) : null}
      {scopes.data ? (
        <ExploreForm
          // A new URL (back/forward, a shared link) starts the form afresh.
          key={params.toString()}
          scopes={scopes.data}
          params={params}
          onShow={(next) => setParams(next)}
        />
      ) : null}
      {query ? <LiveFigures query={query} /> : <p>{t('pictures.explore.choose')}</p>}
    </>
  );
}

function ExploreForm({
  scopes,
  params,
  onShow,
}: {
  scopes: PictureScopes;
  params: URLSearchParams;
  onShow: (next: URLSearchParams) => void;
}) {
  const t = useT();
  const initialKind: ScopeKind = params.get('organisation')
    ? 'organisation'
    : params.get('areas')
      ? 'areas'
      : scopes.canSeeCity
        ? 'city'
        : 'organisation';
  const [kind, setKind] = useState<ScopeKind>(initialKind);
  const [organisation, setOrganisation] = useState<string | null>(
    params.get('organisation') ??
      (scopes.organisations.length === 1 ? (scopes.organisations[0]?.id ?? null) : null),
  );
  const [areas, setAreas] = useState<string[]>(
    (params.get('areas') ?? '').split(',').filter((id) => id !== ''),
  );
  // The last whole month: the current one is not over yet.
  const last = addMonths(scopes.months.last, -1);
  const [period, setPeriod] = useState<PeriodDraft>({
    from: params.get('from') ?? addMonths(last, -11),
    to: params.get('to') ?? last,
    compareFrom: params.get('compareFrom') ?? '',
    compareTo: params.get('compareTo') ?? '',
  });
  const [showErrors, setShowErrors] = useState(false);
  const areaMissing = kind === 'areas' && areas.length === 0;
  const organisationMissing = kind === 'organisation' && !organisation;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setShowErrors(true);
    if (Object.keys(periodErrors(period)).length > 0 || areaMissing || organisationMissing) return;
    const next = new URLSearchParams();
    if (kind === 'organisation' && organisation) next.set('organisation', organisation);
    if (kind === 'areas') next.set('areas', areas.join(','));
    next.set('from', period.from);
    next.set('to', period.to);
    if (period.compareFrom && period.compareTo) {
      next.set('compareFrom', period.compareFrom);
      next.set('compareTo', period.compareTo);
    }
    onShow(next);
  };

  return (
    <form className="picture-form" onSubmit={submit} noValidate>
      <RadioGroup
        label={t('pictures.explore.scope')}
        value={kind}
        onChange={(v) => setKind(v as ScopeKind)}
        orientation="horizontal"
      >
        {scopes.canSeeCity ? <Radio value="city">{t('pictures.explore.scopeCity')}</Radio> : null}
        <Radio value="organisation">{t('pictures.explore.scopeOrganisation')}</Radio>
        <Radio value="areas">{t('pictures.explore.scopeAreas')}</Radio>
      </RadioGroup>
      {kind === 'organisation' ? (
        <Select
          label={t('pictures.explore.organisation')}
          items={scopes.organisations}
          selectedKey={organisation}
          onSelectionChange={(key) => setOrganisation(key === null ? null : String(key))}
          isRequired
          isInvalid={showErrors && organisationMissing}
          errorMessage={t('pictures.explore.noOrganisation')}
        >
          {(o) => (
            <ListBoxItem id={o.id} textValue={o.name}>
              {o.name}
            </ListBoxItem>
          )}
        </Select>
      ) : null}
      {kind === 'areas' ? (
        <AreaChooser
          legend={t('pictures.explore.areas')}
          areas={scopes.areas}
          selected={areas}
          onChange={setAreas}
          errorMessage={showErrors && areaMissing ? t('pictures.explore.noArea') : undefined}
        />
      ) : null}
      <PeriodFields value={period} onChange={setPeriod} showErrors={showErrors} />
      <div className="picture-actions">
        <Button type="submit" variant="primary">
          {t('pictures.explore.show')}
        </Button>
      </div>
    </form>
  );
}

function LiveFigures({ query }: { query: PictureFiguresQuery }) {
  const t = useT();
  const key = JSON.stringify(query);
  const figures = useResource((signal) => fetchLiveFigures(query, signal), key);
  const exportQuery: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (typeof v === 'string') exportQuery[k] = v;
  return (
    <section aria-labelledby="explore-figures" className="picture-section">
      <h2 id="explore-figures" className="visually-hidden">
        {t('pictures.page.figuresHeading')}
      </h2>
      {figures.status === 'loading' ? (
        <ProgressBar label={t('pictures.figures.loading')} isIndeterminate />
      ) : null}
      {figures.status === 'error' ? (
        <Alert tone="error" title={t('pictures.figures.failed')}>
          <p>{failureText(t, figures.error)}</p>
          <Button onPress={figures.reload}>{t('pictures.retry')}</Button>
        </Alert>
      ) : null}
      {figures.data ? (
        <>
          <ExportMenu target={{ kind: 'live', query: exportQuery }} />
          <PictureFiguresView figures={figures.data} />
        </>
      ) : null}
    </section>
  );
}
