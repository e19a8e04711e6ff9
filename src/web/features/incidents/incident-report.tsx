import type { ReactNode } from 'react';
import type { Incident, TaxonomyResponse } from '../../../domain/api/incidents.ts';
import { useFormat, useI18n, useT } from '../../i18n/i18n-provider.tsx';
import { attachmentHref } from './api.ts';
import { affectedLabel, genderLabel, sourceLabel, workEnvironmentLabel } from './labels.ts';

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="incident-facts__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function sizeText(bytes: number, format: ReturnType<typeof useFormat>): string {
  if (bytes < 1024) return `${format.number(bytes)} B`;
  if (bytes < 1024 * 1024) return `${format.number(bytes / 1024, { maximumFractionDigits: 0 })} kB`;
  return `${format.number(bytes / (1024 * 1024), { maximumFractionDigits: 1 })} MB`;
}

/** The report as it was made: every field in words, and its attachments to download. */
export function IncidentReport({
  incident,
  taxonomy,
}: {
  incident: Incident;
  taxonomy: TaxonomyResponse | null;
}) {
  const t = useT();
  const format = useFormat();
  const { locale } = useI18n();
  const label = (o: { labelSv: string; labelEn: string }) => (locale === 'sv' ? o.labelSv : o.labelEn);
  const group = taxonomy?.groups.find((g) => g.code === incident.groupCode);
  const focusAreas = incident.focusAreas.map((code) => {
    const area = taxonomy?.focusAreas.find((f) => f.code === code);
    return area ? label(area) : code;
  });
  const none = t('incidents.report.none');
  const injury = !incident.injury
    ? t('incidents.no')
    : incident.injurySeverity === 'serious'
      ? t('incidents.report.injurySerious')
      : incident.injurySeverity === 'minor'
        ? t('incidents.report.injuryMinor')
        : t('incidents.yes');

  return (
    <section aria-labelledby="incident-report-heading" className="incident-section">
      <h2 id="incident-report-heading">{t('incidents.report.heading')}</h2>
      <dl className="incident-facts">
        <Row term={t('incidents.report.type')}>
          {label(incident.type)}
          {group ? <span className="incident-cell__muted"> ({label(group)})</span> : null}
        </Row>
        <Row term={t('incidents.report.focusAreas')}>{focusAreas.join(', ') || none}</Row>
        <Row term={t('incidents.report.occurred')}>{format.dateTime(incident.occurredAt)}</Row>
        <Row term={t('incidents.report.reported')}>{format.dateTime(incident.reportedAt)}</Row>
        <Row term={t('incidents.report.reporter')}>
          {incident.anonymous
            ? t('incidents.report.anonymous')
            : (incident.reporter?.name ?? t('incidents.report.reporterUnknown'))}
        </Row>
        <Row term={t('incidents.report.source')}>{sourceLabel(t, incident.source)}</Row>
        <Row term={t('incidents.report.organisation')}>
          {incident.organisation.name}
          {incident.unit ? `, ${incident.unit.name}` : ''}
        </Row>
        <Row term={t('incidents.report.place')}>
          <PlaceText incident={incident} />
        </Row>
        <Row term={t('incidents.report.affected')}>{affectedLabel(t, incident.affectedKind)}</Row>
        <Row term={t('incidents.report.gender')}>
          {incident.affectedGender ? genderLabel(t, incident.affectedGender) : t('incidents.report.notGiven')}
        </Row>
        <Row term={t('incidents.report.description')}>
          <span className="incident-text">{incident.description}</span>
        </Row>
        <Row term={t('incidents.report.immediateAction')}>
          {incident.immediateAction ? (
            <span className="incident-text">{incident.immediateAction}</span>
          ) : (
            none
          )}
        </Row>
        <Row term={t('incidents.report.police')}>
          {incident.policeCalled
            ? incident.policeReportNumber
              ? t('incidents.report.policeNumber', { number: incident.policeReportNumber })
              : t('incidents.yes')
            : t('incidents.no')}
        </Row>
        <Row term={t('incidents.report.injury')}>{injury}</Row>
        <Row term={t('incidents.report.workEnvironment')}>
          {incident.workEnvironmentKind ? workEnvironmentLabel(t, incident.workEnvironmentKind) : none}
        </Row>
        {incident.closedReason ? (
          <Row term={t('incidents.report.closedReason')}>
            <span className="incident-text">{incident.closedReason}</span>
            {incident.closedAt ? (
              <span className="incident-cell__muted"> ({format.dateTime(incident.closedAt)})</span>
            ) : null}
          </Row>
        ) : null}
      </dl>

      <h3>{t('incidents.attachments.heading')}</h3>
      {incident.attachments.length === 0 ? (
        <p>{t('incidents.attachments.none')}</p>
      ) : (
        <ul className="incident-attachments">
          {incident.attachments.map((a) => (
            <li key={a.id}>
              {/* A plain link: the browser downloads with the session cookie; the server logs it. */}
              <a href={attachmentHref(incident.id, a.id)} download={a.fileName}>
                {t('incidents.attachments.download', { name: a.fileName })}
              </a>{' '}
              <span className="incident-cell__muted">
                ({a.mediaType === 'application/pdf' ? 'PDF' : t('incidents.attachments.image')},{' '}
                {sizeText(a.sizeBytes, format)})
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PlaceText({ incident }: { incident: Incident }) {
  const t = useT();
  const format = useFormat();
  const parts: string[] = [];
  if (incident.facility) parts.push(t('incidents.report.facility', { name: incident.facility.name }));
  if (incident.addressText) parts.push(incident.addressText);
  if (incident.area) parts.push(t('incidents.report.area', { name: incident.area.name }));
  if (incident.location) {
    const c = (v: number) => format.number(v, { maximumFractionDigits: 5 });
    parts.push(
      t('incidents.report.coordinates', { lat: c(incident.location.lat), lon: c(incident.location.lon) }),
    );
  }
  return <>{parts.length > 0 ? parts.join(' · ') : t('incidents.report.noPlace')}</>;
}
