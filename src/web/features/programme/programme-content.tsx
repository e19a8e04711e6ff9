import type {
  FocusArea,
  GoalArea,
  Indicator,
  LocalizedText,
  Relation,
  Version,
  VersionSummary,
} from '../../../domain/api/programme.ts';
import { useFormat, useI18n, useT } from '../../i18n/i18n-provider.tsx';
import type { Locale } from '../../i18n/locale.ts';
import type { Translate } from '../../i18n/translate.ts';
import '../../ui/table.css';

/** The content's own language follows the interface's: Swedish texts in Swedish, English in English. */
export function useText(): (text: LocalizedText) => string {
  const { locale } = useI18n();
  return (text) => text[locale];
}

/** A decision date ('YYYY-MM-DD') as the language writes it; a date without a time, so no time zone. */
export function formatDay(day: string, locale: Locale): string {
  if (locale === 'sv') return day;
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

function useDay() {
  const { locale } = useI18n();
  return (day: string) => formatDay(day, locale);
}

/** The version in force: its goal areas, focus areas (with communication, objectives, indicators) and relations. */
export function ProgrammeContent({ version }: { version: Version }) {
  const t = useT();
  const text = useText();
  const goalTitles = new Map(version.goalAreas.map((g) => [g.id, text(g.title)]));
  return (
    <>
      <section aria-labelledby="programme-goal-areas" className="programme-section">
        <h2 id="programme-goal-areas">{t('programme.goalAreasHeading')}</h2>
        <p>{t('programme.goalAreasIntro')}</p>
        <ol className="programme-goal-areas">
          {version.goalAreas.map((g) => (
            <GoalAreaItem key={g.id} goalArea={g} />
          ))}
        </ol>
      </section>

      <section aria-labelledby="programme-focus-areas" className="programme-section">
        <h2 id="programme-focus-areas">{t('programme.focusAreasHeading')}</h2>
        <p>{t('programme.focusAreasIntro')}</p>
        <ol className="programme-focus-areas">
          {version.focusAreas.map((f) => (
            <FocusAreaItem key={f.id} focusArea={f} goalTitles={goalTitles} />
          ))}
        </ol>
      </section>

      <section aria-labelledby="programme-relations" className="programme-section">
        <h2 id="programme-relations">{t('programme.relationsHeading')}</h2>
        <p>{t('programme.relationsIntro')}</p>
        {version.relations.length > 0 ? (
          <ul className="programme-relations">
            {version.relations.map((r) => (
              <RelationItem key={r.id} relation={r} />
            ))}
          </ul>
        ) : (
          <p>{t('programme.noRelations')}</p>
        )}
      </section>
    </>
  );
}

function GoalAreaItem({ goalArea }: { goalArea: GoalArea }) {
  const text = useText();
  return (
    <li className="programme-goal-area">
      <h3 className="programme-goal-area__title">{text(goalArea.title)}</h3>
      <p>{text(goalArea.description)}</p>
    </li>
  );
}

function FocusAreaItem({ focusArea, goalTitles }: { focusArea: FocusArea; goalTitles: Map<string, string> }) {
  const t = useT();
  const text = useText();
  const title = text(focusArea.title);
  const headingId = `focus-area-${focusArea.id}`;
  return (
    <li className="programme-focus-area">
      <article aria-labelledby={headingId}>
        <h3 id={headingId} className="programme-focus-area__title">
          {title}
        </h3>
        <p>{text(focusArea.description)}</p>
        <p className="programme-focus-area__serves" id={`${headingId}-serves`}>
          {t('programme.servesGoalAreas')}
        </p>
        <ul className="programme-tags" aria-labelledby={`${headingId}-serves`}>
          {focusArea.goalAreaIds.map((id) => (
            <li key={id} className="programme-tag">
              {goalTitles.get(id)}
            </li>
          ))}
        </ul>

        <h4>{t('programme.communicationHeading')}</h4>
        <p>{text(focusArea.communication)}</p>

        <h4>{t('programme.objectivesHeading')}</h4>
        {focusArea.objectives.length > 0 ? (
          <ul>
            {focusArea.objectives.map((o) => (
              <li key={o.id}>
                {text(o.title)}
                {o.description ? <span className="programme-muted"> – {text(o.description)}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('programme.noObjectives')}</p>
        )}

        <h4>{t('programme.indicatorsHeading')}</h4>
        {focusArea.indicators.length > 0 ? (
          <IndicatorTable
            indicators={focusArea.indicators}
            caption={t('programme.indicatorsCaption', { focusArea: title })}
          />
        ) : (
          <p>{t('programme.noIndicators')}</p>
        )}
      </article>
    </li>
  );
}

function IndicatorTable({ indicators, caption }: { indicators: Indicator[]; caption: string }) {
  const t = useT();
  const text = useText();
  const format = useFormat();
  const measurement = (m: Indicator['baseline']) =>
    m ? t('programme.valueInYear', { value: format.number(m.value), year: m.year }) : t('programme.notSet');
  return (
    // Focusable so a keyboard user can scroll it sideways on a narrow screen.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-scroll" tabIndex={0} aria-label={caption}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="table__column">
              {t('programme.indicatorName')}
            </th>
            <th scope="col" className="table__column">
              {t('programme.indicatorUnit')}
            </th>
            <th scope="col" className="table__column">
              {t('programme.indicatorDirection')}
            </th>
            <th scope="col" className="table__column">
              {t('programme.indicatorBaseline')}
            </th>
            <th scope="col" className="table__column">
              {t('programme.indicatorTarget')}
            </th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((i) => (
            <tr key={i.id} className="table__row">
              <th scope="row" className="table__cell programme-row-header">
                {text(i.name)}
              </th>
              <td className="table__cell">{text(i.unit)}</td>
              <td className="table__cell">{t(`programme.direction.${i.direction}`)}</td>
              <td className="table__cell">{measurement(i.baseline)}</td>
              <td className="table__cell">{measurement(i.target)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function RelationItem({ relation }: { relation: Relation }) {
  const t = useT();
  const text = useText();
  const target = relation.target;
  const source =
    target.kind === 'external'
      ? target.reference
        ? t('programme.externalSourceWithReference', {
            issuer: text(target.issuer),
            year: target.year,
            reference: target.reference,
          })
        : t('programme.externalSource', { issuer: text(target.issuer), year: target.year })
      : t('programme.versionSource', { label: target.label, status: t(`programme.status.${target.status}`) });
  return (
    <li className="programme-relation">
      <span className="programme-relation__type">{t(`programme.relation.${relation.type}`)}</span>{' '}
      <cite className="programme-relation__title">{text(target.title)}</cite>{' '}
      <span className="programme-muted">({source})</span>
      {relation.note ? <p className="programme-relation__note">{text(relation.note)}</p> : null}
    </li>
  );
}

/** Every version with its status, decisions and what replaced what. */
export function VersionHistory({ versions }: { versions: VersionSummary[] }) {
  const t = useT();
  const text = useText();
  const day = useDay();
  return (
    <section aria-labelledby="programme-history" className="programme-section">
      <h2 id="programme-history">{t('programme.historyHeading')}</h2>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <section className="table-scroll" tabIndex={0} aria-label={t('programme.historyCaption')}>
        <table className="table">
          <caption className="visually-hidden">{t('programme.historyCaption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="table__column">
                {t('programme.historyVersion')}
              </th>
              <th scope="col" className="table__column">
                {t('programme.historyStatus')}
              </th>
              <th scope="col" className="table__column">
                {t('programme.historyAdopted')}
              </th>
              <th scope="col" className="table__column">
                {t('programme.historyRetired')}
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id} className="table__row">
                <th scope="row" className="table__cell programme-row-header">
                  {v.label}
                  <span className="programme-history__title">{text(v.title)}</span>
                </th>
                <td className="table__cell">{t(`programme.status.${v.status}`)}</td>
                <td className="table__cell">{adoption(v, t, day)}</td>
                <td className="table__cell">{retirement(v, t, day)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

function adoption(v: VersionSummary, t: Translate, day: (d: string) => string): string {
  if (!v.adoptedOn) return t('programme.noDate');
  return t('programme.decision', { date: day(v.adoptedOn), reference: v.decisionReference ?? '' });
}

function retirement(v: VersionSummary, t: Translate, day: (d: string) => string): string {
  if (!v.retiredOn) return t('programme.noDate');
  const reference = v.retirementReference ?? '';
  return v.retiredBy
    ? t('programme.retiredBy', { date: day(v.retiredOn), label: v.retiredBy.label, reference })
    : t('programme.decision', { date: day(v.retiredOn), reference });
}
