import { Button, Collection, type Key, Tree, TreeItem, TreeItemContent } from 'react-aria-components';
import type { Organisation } from '../../../domain/api/organisations.ts';
import { useT } from '../../i18n/i18n-provider.tsx';
import { kindLabel, phaseOf, useFormatDay } from './format.ts';

export interface TreeNode {
  id: string;
  org: Organisation;
  children: TreeNode[];
}

const KIND_ORDER = ['municipality', 'executive_board', 'office', 'committee', 'company', 'unit'];

/**
 * The visible organisations as a forest: an organisation whose parent the user cannot see (or
 * which is hidden) starts a tree of its own. Siblings by kind (board, offices, district committees,
 * specialist committees, companies, units), then name.
 */
export function buildTree(orgs: readonly Organisation[], isShown: (o: Organisation) => boolean): TreeNode[] {
  const shown = orgs.filter(isShown);
  const nodes = new Map(shown.map((org) => [org.id, { id: org.id, org, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.org.parentId ? nodes.get(node.org.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const rank = (o: Organisation) =>
    KIND_ORDER.indexOf(o.kind) * 2 + (o.kind === 'committee' && o.committeeType === 'specialist' ? 1 : 0);
  const sort = (list: TreeNode[]) => {
    list.sort((a, b) => rank(a.org) - rank(b.org) || a.org.name.localeCompare(b.org.name, 'sv'));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

interface OrganisationTreeProps {
  nodes: TreeNode[];
  today: string;
  selectedId: string | null;
  onSelect: (id: string) => void;
  expandedKeys: Set<Key>;
  onExpandedChange: (keys: Set<Key>) => void;
}

/** The organisation tree (a React Aria tree grid: arrow keys move, expand and collapse; Enter selects). */
export function OrganisationTree({
  nodes,
  today,
  selectedId,
  onSelect,
  expandedKeys,
  onExpandedChange,
}: OrganisationTreeProps) {
  const t = useT();
  const formatDay = useFormatDay();

  const renderNode = (node: TreeNode) => {
    const phase = phaseOf(node.org, today);
    return (
      <TreeItem id={node.id} textValue={node.org.name} className={`org-tree__item org-tree__item--${phase}`}>
        <TreeItemContent>
          {({ hasChildItems, isExpanded }) => (
            <div className="org-tree__row">
              {hasChildItems ? (
                // React Aria names this button ("Expandera" / "Expand").
                <Button slot="chevron" className="org-tree__chevron">
                  <span aria-hidden="true">{isExpanded ? '▾' : '▸'}</span>
                </Button>
              ) : (
                <span className="org-tree__spacer" aria-hidden="true" />
              )}
              <span className="org-tree__text">
                <span className="org-tree__name">{node.org.name}</span>
                <span className="org-tree__kind">{kindLabel(t, node.org)}</span>
                {phase === 'ended' ? (
                  <span className="org-tree__badge">{t('organisations.endedBadge')}</span>
                ) : null}
                {phase === 'future' && node.org.validFrom ? (
                  <span className="org-tree__badge">
                    {t('organisations.futureBadge', { date: formatDay(node.org.validFrom) })}
                  </span>
                ) : null}
              </span>
            </div>
          )}
        </TreeItemContent>
        <Collection items={node.children}>{renderNode}</Collection>
      </TreeItem>
    );
  };

  return (
    <Tree
      aria-label={t('organisations.treeLabel')}
      aria-describedby="org-tree-hint"
      className="org-tree"
      items={nodes}
      selectionMode="single"
      disallowEmptySelection
      selectedKeys={selectedId ? [selectedId] : []}
      onSelectionChange={(keys) => {
        if (keys === 'all') return;
        const [first] = [...keys];
        if (first !== undefined) onSelect(String(first));
      }}
      expandedKeys={expandedKeys}
      onExpandedChange={onExpandedChange}
    >
      {renderNode}
    </Tree>
  );
}
