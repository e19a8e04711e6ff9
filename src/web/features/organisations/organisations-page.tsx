import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Key } from 'react-aria-components';
import type { Organisation } from '../../../domain/api/organisations.ts';
import { PageHeading } from '../../app/page-heading.tsx';
import { useFormat, useT } from '../../i18n/i18n-provider.tsx';
import { hasPermission, useSession } from '../../session/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { Checkbox } from '../../ui/checkbox.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { fetchOrganisations } from './api.ts';
import { errorMessage, phaseOf, swedishToday } from './format.ts';
import { ImportDialog } from './import-dialog.tsx';
import { OrganisationDetails } from './organisation-details.tsx';
import { buildTree, OrganisationTree } from './organisation-tree.tsx';
import './organisations.css';

type Load =
  | { status: 'loading'; items: Organisation[] | null; error: null }
  | { status: 'ready'; items: Organisation[]; error: null }
  | { status: 'error'; items: Organisation[] | null; error: unknown };

/** What a change reports back: a confirmation to announce and the organisation to show next. */
export type OnChanged = (message: string, selectId?: string) => void;

/**
 * The organisations the user can see (permission `organisations.read`), as a tree with each one's
 * validity, kind, areas and history; administrators create, edit, end, merge and split from here.
 */
export function OrganisationsPage() {
  const t = useT();
  const format = useFormat();
  const { user } = useSession();
  const [load, setLoad] = useState<Load>({ status: 'loading', items: null, error: null });
  const [attempt, setAttempt] = useState(0);
  const [showEnded, setShowEnded] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<Set<Key> | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const detailsHeading = useRef<HTMLHeadingElement>(null);
  const today = swedishToday();

  useEffect(() => {
    const controller = new AbortController();
    void attempt;
    setLoad((s) => ({ status: 'loading', items: s.items, error: null }));
    fetchOrganisations(controller.signal).then(
      (items) => setLoad({ status: 'ready', items, error: null }),
      (error: unknown) => {
        if (!controller.signal.aborted) setLoad((s) => ({ status: 'error', items: s.items, error }));
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const items = load.items ?? [];
  const byId = useMemo(() => new Map(items.map((o) => [o.id, o])), [items]);
  const isShown = useCallback(
    (o: Organisation) => showEnded || phaseOf(o, today) !== 'ended' || o.id === selectedId,
    [showEnded, today, selectedId],
  );
  const tree = useMemo(() => buildTree(items, isShown), [items, isShown]);
  const shownCount = useMemo(() => items.filter(isShown).length, [items, isShown]);

  // At first the top two levels are open.
  useEffect(() => {
    if (expanded !== null || tree.length === 0) return;
    setExpanded(new Set([...tree.map((n) => n.id), ...tree.flatMap((n) => n.children.map((c) => c.id))]));
  }, [tree, expanded]);

  /** Shows an organisation: opens its ancestors in the tree and selects it. */
  const show = useCallback(
    (id: string, focusDetails = false) => {
      const target = byId.get(id);
      if (target && phaseOf(target, today) === 'ended') setShowEnded(true);
      setExpanded((current) => {
        const next = new Set(current ?? []);
        for (let p = byId.get(id)?.parentId; p; p = byId.get(p)?.parentId) next.add(p);
        return next;
      });
      setSelectedId(id);
      if (focusDetails) requestAnimationFrame(() => detailsHeading.current?.focus());
    },
    [byId, today],
  );

  /** Set after a change: the dialog's trigger may be gone, so focus goes to the details shown next. */
  const [focusDetails, setFocusDetails] = useState(false);
  const onChanged: OnChanged = useCallback((message, selectId) => {
    setAnnouncement(message);
    if (selectId) {
      setSelectedId(selectId);
      setFocusDetails(true);
    }
    setAttempt((n) => n + 1);
  }, []);

  // After a change that created an organisation, open the way to it once the list has it.
  useEffect(() => {
    if (selectedId && byId.has(selectedId)) {
      setExpanded((current) => {
        const next = new Set(current ?? []);
        let grew = false;
        for (let p = byId.get(selectedId)?.parentId; p; p = byId.get(p)?.parentId)
          if (!next.has(p)) {
            next.add(p);
            grew = true;
          }
        return grew ? next : current;
      });
    }
  }, [selectedId, byId]);

  const selected = selectedId ? byId.get(selectedId) : undefined;
  useEffect(() => {
    if (!focusDetails || load.status !== 'ready' || !selected) return;
    setFocusDetails(false);
    requestAnimationFrame(() => detailsHeading.current?.focus());
  }, [focusDetails, load.status, selected]);
  const canManage = hasPermission(user, 'organisations.manage');

  return (
    <div className="organisations-page">
      <div>
        <PageHeading title={t('organisations.title')} />
        <p>{t('organisations.intro')}</p>
      </div>

      <p className="visually-hidden" role="status">
        {load.status === 'loading' && !load.items ? t('organisations.loading') : announcement}
      </p>
      {load.status === 'loading' && !load.items ? (
        <ProgressBar label={t('organisations.loading')} hideLabel isIndeterminate />
      ) : null}
      {load.status === 'error' ? (
        <Alert tone="error" title={t('organisations.loadFailed')}>
          <p>{errorMessage(t, load.error)}</p>
          <Button onPress={() => setAttempt((n) => n + 1)}>{t('organisations.retry')}</Button>
        </Alert>
      ) : null}

      {load.items && items.length === 0 ? (
        <EmptyState title={t('organisations.empty')} headingLevel={2} />
      ) : null}

      {items.length > 0 ? (
        <div className="organisations-layout">
          <section className="organisations-tree" aria-labelledby="org-tree-heading">
            <div className="organisations-tree__header">
              <h2 id="org-tree-heading">{t('organisations.treeHeading')}</h2>
              {canManage ? <ImportDialog onImported={onChanged} /> : null}
            </div>
            <p id="org-tree-hint" className="organisations-hint">
              {t('organisations.treeHint')}
            </p>
            <Checkbox isSelected={showEnded} onChange={setShowEnded}>
              {t('organisations.showEnded')}
            </Checkbox>
            <p className="organisations-hint">
              {t('organisations.count', { count: format.number(shownCount) })}
            </p>
            <OrganisationTree
              nodes={tree}
              today={today}
              selectedId={selectedId}
              onSelect={(id) => setSelectedId(id)}
              expandedKeys={expanded ?? new Set()}
              onExpandedChange={setExpanded}
            />
          </section>
          <section className="organisations-details" aria-labelledby="org-details-heading">
            {selected ? (
              <OrganisationDetails
                key={selected.id}
                organisation={selected}
                parent={selected.parentId ? byId.get(selected.parentId) : undefined}
                all={items}
                today={today}
                headingRef={detailsHeading}
                onShow={(id) => show(id, true)}
                onChanged={onChanged}
              />
            ) : (
              <>
                <h2 id="org-details-heading">{t('organisations.details.heading')}</h2>
                <p>{t('organisations.noneSelected')}</p>
              </>
            )}
          </section>
        </div>
      ) : null}
    </div>
  );
}
