import { useEffect, useRef } from 'react';
import type { Receipt } from '../../../domain/api/incidents.ts';
import { useFormat, useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button, LinkButton } from '../../ui/button.tsx';

/** What the reporter sees once the report is in: its reference, and what happens next. */
export function ReceiptView({
  receipt,
  injury,
  onAnother,
}: {
  receipt: Receipt;
  injury: boolean;
  onAnother: () => void;
}) {
  const t = useT();
  const format = useFormat();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const next: string[] = [];
  if (receipt.routedToManager) next.push(t('report.receipt.toManager'));
  if (receipt.routedToCoordinator) next.push(t('report.receipt.toCoordinator'));
  if (!receipt.routedToManager && !receipt.routedToCoordinator) next.push(t('report.receipt.toNobody'));
  if (receipt.serious) next.push(t('report.receipt.serious'));
  if (injury) next.push(t('report.receipt.workInjury'));
  next.push(receipt.anonymous ? t('report.receipt.anonymousNoUpdates') : t('report.receipt.updates'));

  return (
    <section className="report-receipt" aria-labelledby="report-receipt-heading">
      <h2 id="report-receipt-heading" ref={heading} tabIndex={-1}>
        {t('report.receipt.title')}
      </h2>
      <Alert tone="success" role="status">
        <p>{t('report.receipt.received', { at: format.dateTime(receipt.reportedAt) })}</p>
      </Alert>
      <dl className="report-receipt__reference-box">
        <dt className="report-receipt__label">{t('report.receipt.reference')}</dt>
        <dd className="report-receipt__reference">{receipt.reference}</dd>
      </dl>
      <p className="report-muted">{t('report.receipt.referenceHint')}</p>
      <h3>{t('report.receipt.nextTitle')}</h3>
      <ul className="report-receipt__next">
        {next.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <div className="report-actions">
        {receipt.anonymous ? null : (
          <LinkButton href={`/my-reports/${receipt.id}`} variant="primary">
            {t('report.receipt.open')}
          </LinkButton>
        )}
        <LinkButton href="/my-reports">{t('report.receipt.mine')}</LinkButton>
        <Button onPress={onAnother}>{t('report.receipt.another')}</Button>
      </div>
    </section>
  );
}
