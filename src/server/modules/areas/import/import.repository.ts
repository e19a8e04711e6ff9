import { sql } from 'kysely';
import { type Box, type FlatRing, ringBox, unionBox } from '../../../../domain/geo/geometry.ts';
import { polygonText } from '../areas.repository.ts';
import type { AreaGeometry, AreasTrx } from '../areas.tables.ts';

const boxText = (b: Box) => `(${b.maxX},${b.maxY}),(${b.minX},${b.minY})`;

function parseBoxText(text: string): Box {
  const [x1, y1, x2, y2] = text.replace(/[()]/g, '').split(',').map(Number) as [
    number,
    number,
    number,
    number,
  ];
  return { minX: Math.min(x1, x2), minY: Math.min(y1, y2), maxX: Math.max(x1, x2), maxY: Math.max(y1, y2) };
}

export interface ExistingChild {
  id: string;
  name: string;
  level: string;
  depth: number;
  geojson: AreaGeometry | null;
  geometry_derived: boolean;
}

/** The writes of an area import; used only inside its transaction. */
export function createAreaImportRepository(trx: AreasTrx) {
  return {
    /** The children of `parentId` at `level`, to match a file's names against. */
    listChildren(parentId: string, level: string): Promise<ExistingChild[]> {
      return trx
        .selectFrom('areas')
        .select(['id', 'name', 'level', 'depth', 'geojson', 'geometry_derived'])
        .where('parent_id', '=', parentId)
        .where('level', '=', level)
        .execute();
    },

    async insertArea(a: {
      municipalityId: string;
      parentId: string | null;
      level: string;
      name: string;
      depth: number;
      importId: string | null;
      geometryDerived?: boolean;
      now: Date;
    }): Promise<string> {
      const row = await trx
        .insertInto('areas')
        .values({
          municipality_id: a.municipalityId,
          parent_id: a.parentId,
          level: a.level,
          name: a.name,
          depth: a.depth,
          import_id: a.importId,
          geometry_derived: a.geometryDerived ?? false,
          created_at: a.now,
          updated_at: a.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** Replaces an area's geometry: GeoJSON, bounding box and rings. */
    async setGeometry(
      areaId: string,
      g: {
        geojson: AreaGeometry | null;
        polygons: FlatRing[][];
        derived: boolean;
        importId: string;
        now: Date;
      },
    ): Promise<void> {
      const box = unionBox(g.polygons.flatMap((rings) => (rings[0] ? [ringBox(rings[0])] : [])));
      await trx
        .updateTable('areas')
        .set({
          geojson: g.geojson ? JSON.stringify(g.geojson) : null,
          bbox: box ? boxText(box) : null,
          geometry_derived: g.derived,
          import_id: g.importId,
          updated_at: g.now,
        })
        .where('id', '=', areaId)
        .execute();
      await trx.deleteFrom('area_rings').where('area_id', '=', areaId).execute();
      const rows = g.polygons.flatMap((rings, p) =>
        rings.map((ring, r) => ({
          area_id: areaId,
          polygon_index: p,
          ring_index: r,
          is_hole: r > 0,
          ring: polygonText(ring),
        })),
      );
      for (let i = 0; i < rows.length; i += 500) {
        await trx
          .insertInto('area_rings')
          .values(rows.slice(i, i + 500))
          .execute();
      }
    },

    async markImported(areaId: string, importId: string): Promise<void> {
      await trx.updateTable('areas').set({ import_id: importId }).where('id', '=', areaId).execute();
    },

    /**
     * Makes a parent's geometry its children's together: their rings copied (their union, for
     * containment) and a MultiPolygon of their polygons, children by name.
     */
    async deriveFromChildren(parentId: string, importId: string, now: Date): Promise<void> {
      const children = await trx
        .selectFrom('areas')
        .select(['id', 'geojson', 'bbox'])
        .where('parent_id', '=', parentId)
        .where('geojson', 'is not', null)
        .orderBy(sql`name COLLATE "C"`)
        .orderBy('id')
        .execute();
      const coordinates = children.flatMap((c) =>
        c.geojson?.type === 'Polygon' ? [c.geojson.coordinates] : (c.geojson?.coordinates ?? []),
      );
      const box = unionBox(children.flatMap((c) => (c.bbox ? [parseBoxText(c.bbox)] : [])));
      await trx
        .updateTable('areas')
        .set({
          geojson: coordinates.length ? JSON.stringify({ type: 'MultiPolygon', coordinates }) : null,
          bbox: box ? boxText(box) : null,
          geometry_derived: true,
          import_id: importId,
          updated_at: now,
        })
        .where('id', '=', parentId)
        .execute();
      await trx.deleteFrom('area_rings').where('area_id', '=', parentId).execute();
      await sql`
        INSERT INTO area_rings (area_id, polygon_index, ring_index, is_hole, ring)
        SELECT ${parentId}::uuid,
          (dense_rank() OVER (ORDER BY c.name COLLATE "C", c.id, r.polygon_index)) - 1,
          r.ring_index, r.is_hole, r.ring
        FROM areas c JOIN area_rings r ON r.area_id = c.id
        WHERE c.parent_id = ${parentId}::uuid`.execute(trx);
    },

    async insertImport(r: {
      municipalityId: string;
      fileName: string;
      parentFileName: string | null;
      level: string;
      parentLevel: string | null;
      nameProperty: string;
      importedAt: Date;
      importedBy: string | null;
      sha256: string;
      featureCount: number;
    }): Promise<string> {
      const row = await trx
        .insertInto('area_imports')
        .values({
          municipality_id: r.municipalityId,
          file_name: r.fileName,
          parent_file_name: r.parentFileName,
          level: r.level,
          parent_level: r.parentLevel,
          name_property: r.nameProperty,
          imported_at: r.importedAt,
          imported_by: r.importedBy,
          feature_count: r.featureCount,
          created_count: 0,
          updated_count: 0,
          unchanged_count: 0,
          parents_created_count: 0,
          source_sha256: r.sha256,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async setImportCounts(
      id: string,
      c: { created: number; updated: number; unchanged: number; parentsCreated: number },
    ): Promise<void> {
      await trx
        .updateTable('area_imports')
        .set({
          created_count: c.created,
          updated_count: c.updated,
          unchanged_count: c.unchanged,
          parents_created_count: c.parentsCreated,
        })
        .where('id', '=', id)
        .execute();
    },
  };
}
