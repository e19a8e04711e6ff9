import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEvent } from '../../../domain/api/audit.ts';
import { type AuditFilter, listAuditEvents } from '../../api/audit.ts';
import { isApiError } from '../../api/client.ts';
import { PageHeading } from '../../app/page-heading.tsx';
import { useFormat, useT } from '../../i18n/i18n-provider.tsx';
import type { Translate } from '../../i18n/translate.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import './audit.css';
import { AuditFilters } from './audit-filters.tsx';
import { AuditTable } from './audit-table.tsx';

const PAGE_SIZE = 50;

type Status = 'loading' | 'ready' | 'error';

/** The audit log (permission `audit.read`): filter, newest first, "Visa fler" for older events. */
export function AuditPage() {
  const t = useT();
  const format = useFormat();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>('loading');
  const [isLoadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const summaryRef = useRef<HTMLParagraphElement>(null);
  const moreController = useRef<AbortController | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    void attempt;
    moreController.current?.abort();
    setStatus('loading');
    setError(null);
    listAuditEvents({ ...filter, limit: PAGE_SIZE }, controller.signal).then(
      (page) => {
        setEvents(page.items);
        setNextBefore(page.nextBefore);
        setStatus('ready');
      },
      (reason: unknown) => {
        if (controller.signal.aborted) return;
        setError(reason);
        setStatus('error');
      },
    );
    return () => controller.abort();
  }, [filter, attempt]);

  const loadMore = useCallback(async () => {
    if (!nextBefore || isLoadingMore) return;
    const controller = new AbortController();
    moreController.current = controller;
    setLoadingMore(true);
    setError(null);
    try {
      const page = await listAuditEvents(
        { ...filter, before: nextBefore, limit: PAGE_SIZE },
        controller.signal,
      );
      setEvents((current) => [...current, ...page.items]);
      setNextBefore(page.nextBefore);
      // The button disappears with the last page: keep focus somewhere meaningful.
      if (!page.nextBefore) requestAnimationFrame(() => summaryRef.current?.focus());
    } catch (reason) {
      if (!controller.signal.aborted) setError(reason);
    } finally {
      if (!controller.signal.aborted) setLoadingMore(false);
    }
  }, [filter, nextBefore, isLoadingMore]);

  const isFiltered = Object.values(filter).some(Boolean);
  const isEmpty = status === 'ready' && events.length === 0;
  // One live region, always present, so each change (loading, count, more loaded) is announced.
  const summary =
    status === 'loading'
      ? t('audit.loading')
      : isEmpty
        ? t('audit.emptyTitle')
        : status === 'ready'
          ? `${t('audit.shown', { count: format.number(events.length) })}${nextBefore ? '' : ` ${t('audit.allShown')}`}`
          : '';

  return (
    <>
      <PageHeading title={t('audit.title')} />
      <p>{t('audit.intro')}</p>

      <AuditFilters onApply={setFilter} />

      <section className="audit-results" aria-labelledby="audit-results-heading">
        <h2 id="audit-results-heading">{t('audit.resultsHeading')}</h2>

        <p
          ref={summaryRef}
          tabIndex={-1}
          role="status"
          className={isEmpty || !summary ? 'visually-hidden' : 'audit-results__summary'}
        >
          {summary}
        </p>

        {status === 'loading' ? <ProgressBar label={t('audit.loading')} hideLabel isIndeterminate /> : null}

        {error ? (
          <Alert tone="error" title={t('audit.errorTitle')}>
            <p>{loadErrorMessage(error, t)}</p>
            <Button onPress={() => (status === 'error' ? setAttempt((n) => n + 1) : void loadMore())}>
              {t('audit.retry')}
            </Button>
          </Alert>
        ) : null}

        {isEmpty ? (
          <EmptyState title={t('audit.emptyTitle')}>
            <p>{isFiltered ? t('audit.emptyFiltered') : t('audit.emptyAll')}</p>
          </EmptyState>
        ) : null}

        {status === 'ready' && events.length > 0 ? (
          <>
            <AuditTable events={events} />
            {nextBefore ? (
              <div className="audit-results__more">
                <Button onPress={loadMore} aria-busy={isLoadingMore || undefined}>
                  {isLoadingMore ? t('audit.loadingMore') : t('audit.loadMore')}
                </Button>
              </div>
            ) : null}
          </>
        ) : null}
      </section>
    </>
  );
}

function loadErrorMessage(error: unknown, t: Translate): string {
  if (!isApiError(error)) return t('error.generic');
  if (error.status === 0) return t('error.network');
  if (error.status === 403) return t('error.forbidden');
  if (error.status === 400) return t('error.invalidRequest');
  return t('error.generic');
}
