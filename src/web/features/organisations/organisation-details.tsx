import type { Ref } from 'react';
import type {
  AreaResponsibility,
  Organisation,
  OrganisationLink,
} from '../../../domain/api/organisations.ts';
import { CHILD_KINDS } from '../../../domain/roles.ts';
import { useT } from '../../i18n/i18n-provider.tsx';
import { Button } from '../../ui/button.tsx';
import { AssignAreaDialog, EndAreaDialog, RemoveAreaDialog } from './area-dialogs.tsx';
import { kindLabel, phaseOf, useFormatDay, validityLabel } from './format.ts';
import { EndDialog, MergeDialog, SplitDialog } from './organisation-change-dialogs.tsx';
import { CreateDialog, EditDialog } from './organisation-dialogs.tsx';
import type { OnChanged } from './organisations-page.tsx';

interface DetailsProps {
  organisation: Organisation;
  parent: Organisation | undefined;
  /** Every organisation the user sees (merge candidates are among them). */
  all: readonly Organisation[];
  today: string;
  headingRef: Ref<HTMLHeadingElement>;
  onShow: (id: string) => void;
  onChanged: OnChanged;
}

/** One organisation: what it is, when it is in force, its areas and history, and what the user may change. */
export function OrganisationDetails({
  organisation: o,
  parent,
  all,
  today,
  headingRef,
  onShow,
  onChanged,
}: DetailsProps) {
  const t = useT();
  const formatDay = useFormatDay();
  const phase = phaseOf(o, today);
  const isDistrict = o.kind === 'committee' && o.committeeType === 'district';
  return (
    <>
      <h2 id="org-details-heading" ref={headingRef} tabIndex={-1}>
        {o.name}
      </h2>
      <dl className="org-facts">
        <div>
          <dt>{t('organisations.details.kind')}</dt>
          <dd>{kindLabel(t, o)}</dd>
        </div>
        <div>
          <dt>{t('organisations.details.code')}</dt>
          <dd>{o.code ?? t('organisations.details.none')}</dd>
        </div>
        <div>
          <dt>{t('organisations.details.validity')}</dt>
          <dd>{validityLabel(t, formatDay, o)}</dd>
        </div>
        <div>
          <dt>{t('organisations.details.status')}</dt>
          <dd>{t(`organisations.status.${phase}`)}</dd>
        </div>
        {parent ? (
          <div>
            <dt>{t('organisations.details.parent')}</dt>
            <dd>
              <Button variant="quiet" className="org-link" onPress={() => onShow(parent.id)}>
                {parent.name}
              </Button>
            </dd>
          </div>
        ) : null}
      </dl>

      <Actions organisation={o} all={all} today={today} onChanged={onChanged} />

      {isDistrict || o.areas.length > 0 ? (
        <AreasSection organisation={o} today={today} onChanged={onChanged} />
      ) : null}

      <section aria-labelledby="org-history-heading">
        <h3 id="org-history-heading">{t('organisations.historyHeading')}</h3>
        {o.predecessors.length === 0 && o.successors.length === 0 ? (
          <p>{t('organisations.historyEmpty')}</p>
        ) : (
          <>
            <LinkGroups links={o.predecessors} direction="from" all={all} onShow={onShow} />
            <LinkGroups links={o.successors} direction="into" all={all} onShow={onShow} />
          </>
        )}
      </section>
    </>
  );
}

/** Links grouped by change (kind and day), each introduced by a sentence. */
function LinkGroups({
  links,
  direction,
  all,
  onShow,
}: {
  links: readonly OrganisationLink[];
  direction: 'from' | 'into';
  /** The organisations the user sees; others are named but cannot be opened. */
  all: readonly Organisation[];
  onShow: (id: string) => void;
}) {
  const t = useT();
  const formatDay = useFormatDay();
  const groups = new Map<string, OrganisationLink[]>();
  for (const link of links)
    groups.set(`${link.kind}|${link.date}`, [...(groups.get(`${link.kind}|${link.date}`) ?? []), link]);
  return (
    <>
      {[...groups.values()].map((group) => {
        const { kind, date } = group[0]!;
        const key =
          direction === 'from'
            ? kind === 'merge'
              ? 'organisations.history.mergedFrom'
              : 'organisations.history.splitFrom'
            : kind === 'merge'
              ? 'organisations.history.mergedInto'
              : 'organisations.history.splitInto';
        return (
          <div key={`${kind}-${date}`} className="org-history">
            <p>{t(key, { date: formatDay(date) })}</p>
            <ul>
              {group.map((link) => (
                <li key={link.id}>
                  {all.some((x) => x.id === link.id) ? (
                    <Button variant="quiet" className="org-link" onPress={() => onShow(link.id)}>
                      {link.name}
                    </Button>
                  ) : (
                    link.name
                  )}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </>
  );
}

function Actions({
  organisation: o,
  all,
  today,
  onChanged,
}: {
  organisation: Organisation;
  all: readonly Organisation[];
  today: string;
  onChanged: OnChanged;
}) {
  const t = useT();
  const phase = phaseOf(o, today);
  const open = phase !== 'ended' && o.successors.length === 0;
  const can = (action: string) => o.can[action] === true;
  const actions = [
    can('createChild') && phase !== 'ended' && CHILD_KINDS[o.kind].length > 0 ? (
      <CreateDialog key="create" parent={o} today={today} onChanged={onChanged} />
    ) : null,
    can('update') ? <EditDialog key="edit" organisation={o} onChanged={onChanged} /> : null,
    can('end') && open ? <EndDialog key="end" organisation={o} today={today} onChanged={onChanged} /> : null,
    can('merge') && open ? (
      <MergeDialog key="merge" organisation={o} all={all} today={today} onChanged={onChanged} />
    ) : null,
    can('split') && open ? (
      <SplitDialog key="split" organisation={o} today={today} onChanged={onChanged} />
    ) : null,
  ].filter(Boolean);
  if (actions.length === 0) return null;
  return (
    <section aria-labelledby="org-actions-heading">
      <h3 id="org-actions-heading">{t('organisations.actionsHeading')}</h3>
      <div className="org-actions">{actions}</div>
    </section>
  );
}

function AreasSection({
  organisation: o,
  today,
  onChanged,
}: {
  organisation: Organisation;
  today: string;
  onChanged: OnChanged;
}) {
  const t = useT();
  const formatDay = useFormatDay();
  const rows: AreaResponsibility[] = [...o.areas];
  return (
    <section aria-labelledby="org-areas-heading">
      <h3 id="org-areas-heading">{t('organisations.areasHeading')}</h3>
      {rows.length === 0 ? (
        <p>{t('organisations.areasEmpty')}</p>
      ) : (
        <table className="org-areas">
          <caption className="visually-hidden">{t('organisations.areasTable', { name: o.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('organisations.areas.area')}</th>
              <th scope="col">{t('organisations.areas.validity')}</th>
              <th scope="col">{t('organisations.areas.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.areaCode ? `${r.areaName} (${r.areaCode})` : r.areaName}</th>
                <td>{validityLabel(t, formatDay, r)}</td>
                <td>
                  <div className="org-actions">
                    {r.can.update && (r.validTo === null || r.validTo >= today) ? (
                      <EndAreaDialog
                        organisation={o}
                        responsibility={r}
                        today={today}
                        onChanged={onChanged}
                      />
                    ) : null}
                    {r.can.delete ? (
                      <RemoveAreaDialog organisation={o} responsibility={r} onChanged={onChanged} />
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {o.can.assignAreas && phaseOf(o, today) !== 'ended' ? (
        <AssignAreaDialog organisation={o} today={today} onChanged={onChanged} />
      ) : null}
    </section>
  );
}
