import { useMemo, useState } from 'react';
import type { Key, Selection } from 'react-aria-components';
import { ListBoxItem } from 'react-aria-components';
import type { Area } from '../../../domain/api/areas.ts';
import { useFormat, useT } from '../../i18n/i18n-provider.tsx';
import type { Translate } from '../../i18n/translate.ts';
import { Select } from '../../ui/select.tsx';
import { Table, TableBodyRows, TableCell, TableColumn, TableHead, TableRow } from '../../ui/table.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { levelName } from './area-labels.ts';

const ALL = '__all__';

function validity(t: Translate, date: (d: string) => string, a: Area): string {
  if (a.validFrom && a.validTo)
    return t('areas.validRange', { from: date(a.validFrom), to: date(a.validTo) });
  if (a.validFrom) return t('areas.validFrom', { from: date(a.validFrom) });
  if (a.validTo) return t('areas.validUntil', { to: date(a.validTo) });
  return t('areas.validOngoing');
}

/**
 * Every area as a table (the map's keyboard-reachable alternative): filter by name and level, select a
 * row to highlight the area on the map.
 */
export function AreaList({
  areas,
  levels,
  selectedId,
  onSelect,
}: {
  areas: Area[];
  levels: string[];
  selectedId: string | null;
  onSelect: (id: string | null) => void;
}) {
  const t = useT();
  const format = useFormat();
  const [query, setQuery] = useState('');
  const [level, setLevel] = useState<string>(ALL);
  const names = useMemo(() => new Map(areas.map((a) => [a.id, a.name])), [areas]);
  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase('sv');
    return areas.filter(
      (a) => (level === ALL || a.level === level) && (!q || a.name.toLocaleLowerCase('sv').includes(q)),
    );
  }, [areas, level, query]);
  const levelItems = [
    { id: ALL, name: t('areas.allLevels') },
    ...levels.map((l) => ({ id: l, name: levelName(t, l) })),
  ];

  const select = (keys: Selection) => {
    if (keys === 'all') return;
    const [first] = [...keys];
    onSelect(first === undefined ? null : String(first));
  };

  return (
    <>
      <div className="areas-filters">
        <TextField label={t('areas.search')} value={query} onChange={setQuery} type="search" />
        <Select
          label={t('areas.levelFilter')}
          items={levelItems}
          selectedKey={level}
          onSelectionChange={(key: Key | null) => setLevel(key === null ? ALL : String(key))}
        >
          {(item) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}
        </Select>
      </div>
      <p role="status">
        {t('areas.listCount', { shown: format.number(shown.length), total: format.number(areas.length) })}
      </p>
      <Table
        aria-label={t('areas.listLabel')}
        selectionMode="single"
        selectionBehavior="replace"
        selectedKeys={selectedId ? [selectedId] : []}
        onSelectionChange={select}
      >
        <TableHead>
          <TableColumn isRowHeader>{t('areas.colName')}</TableColumn>
          <TableColumn>{t('areas.colLevel')}</TableColumn>
          <TableColumn>{t('areas.colParent')}</TableColumn>
          <TableColumn>{t('areas.colValidity')}</TableColumn>
        </TableHead>
        <TableBodyRows items={shown}>
          {(a) => (
            <TableRow id={a.id}>
              <TableCell>{a.name}</TableCell>
              <TableCell>{levelName(t, a.level)}</TableCell>
              <TableCell>{a.parentId ? (names.get(a.parentId) ?? '') : '—'}</TableCell>
              <TableCell>{validity(t, format.date, a)}</TableCell>
            </TableRow>
          )}
        </TableBodyRows>
      </Table>
    </>
  );
}
