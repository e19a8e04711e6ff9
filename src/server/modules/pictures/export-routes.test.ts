import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import { seedIncident } from '../../../../tests/support/incidents.ts';
import { samplePictureFigures, samplePictureTexts } from '../../../../tests/support/picture-figures.ts';
import type { Client } from '../../../../tests/support/test-app.ts';
import { useTestApp } from '../../../../tests/support/test-app.ts';
import type { Task } from '../../../domain/api/pictures.ts';
import { awaitTask } from '../../platform/tasks.ts';
import { createPictureWorld, newPicture, type PictureWorld } from './documents.fixtures.ts';
import { picturesDb } from './pictures.tables.ts';

/**
 * POST /api/pictures/exports end to end: access as reading the picture, the audit entry, the task,
 * and the file from the task's download — on the real figures computation (picture and live
 * targets) and on a stored snapshot (inserted with the sample figures).
 */
const t = useTestApp();
let w: PictureWorld;
let pictureId: string;

async function readPdfText(bytes: Uint8Array) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  let text = '';
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    text += `${content.items.map((it) => ('str' in it ? it.str : '')).join(' ')}\n`;
  }
  const info = (await pdf.getMetadata()).info as Record<string, unknown>;
  await pdf.destroy();
  return { text, info };
}

async function exportAndDownload(client: Client, body: unknown) {
  const res = await client.request('POST', '/api/pictures/exports', body);
  expect(res.statusCode, res.body).toBe(202);
  const started = res.json() as Task;
  expect(['queued', 'running']).toContain(started.status);
  const done = await awaitTask(t.current.deps, started.id);
  expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
  const polled = await client.request('GET', `/api/tasks/${started.id}`);
  expect(polled.statusCode).toBe(200);
  const task = polled.json() as Task;
  expect(task.progress.done).toBe(task.progress.total);
  expect(task.download?.url).toBe(`/api/tasks/${started.id}/download`);
  const file = await client.request('GET', task.download!.url);
  expect(file.statusCode).toBe(200);
  return { task, bytes: new Uint8Array(file.rawPayload), headers: file.headers };
}

async function insertSnapshot(status: 'frozen' | 'signed' | 'submitted', organisationId = w.committeeA) {
  const now = new Date('2026-01-20T10:00:00Z');
  const db = picturesDb(t.current.deps.db);
  const picture = await db
    .insertInto('pictures')
    .values({
      municipality_id: t.current.rootId,
      organisation_id: organisationId,
      title: 'Fryst lägesbild',
      cycle_year: 2025,
      period_from: '2025-01-01',
      period_to: '2025-12-01',
      compare_from: '2024-01-01',
      compare_to: '2024-12-01',
      analysis: JSON.stringify(samplePictureTexts().analysis),
      created_by: null,
      created_at: now,
      updated_by: null,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const figures = samplePictureFigures();
  const row = await db
    .insertInto('picture_snapshots')
    .values({
      picture_id: picture.id,
      organisation_id: organisationId,
      cycle_year: 2025,
      version: 1,
      title: 'Fryst lägesbild',
      figures: JSON.stringify({ ...figures, extremism: null }),
      analysis: JSON.stringify(samplePictureTexts().analysis),
      notes: samplePictureTexts().notes,
      extremism: JSON.stringify(figures.extremism),
      status,
      frozen_at: now,
      frozen_by: w.coordinator.userId,
      signed_at: status === 'frozen' ? null : now,
      signed_by: status === 'frozen' ? null : w.coordinator.userId,
      submitted_at: status === 'submitted' ? now : null,
      submitted_by: status === 'submitted' ? w.coordinator.userId : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  w = await createPictureWorld(t.current);
  const db = t.current.deps.db;
  // Geometry for the district's neighbourhoods (little squares in a row), so the map and GeoJSON have shapes.
  const children = await sql<{
    id: string;
  }>`SELECT id FROM areas WHERE parent_id = ${w.districtAreaId} ORDER BY name`.execute(db);
  for (const [i, c] of children.rows.entries()) {
    const x = 17.9 + i * 0.01;
    const polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [x, 59.27],
          [x + 0.01, 59.27],
          [x + 0.01, 59.28],
          [x, 59.28],
          [x, 59.27],
        ],
      ],
    };
    await sql`UPDATE areas SET geojson = ${JSON.stringify(polygon)}::jsonb WHERE id = ${c.id}`.execute(db);
  }
  for (let i = 0; i < 12; i++) {
    await seedIncident(db, {
      organisationId: w.committeeA,
      typeCode: 'theft',
      occurredAt: new Date(`2025-0${(i % 9) + 1}-1${i % 9}T10:00:00Z`),
      areaId: w.neighbourhoodId,
      areaPath: [w.districtAreaId, w.neighbourhoodId],
      affectedGender: i % 3 === 0 ? 'man' : 'woman',
    });
  }
  const picture = await newPicture(w.coordinator, w.committeeA, {
    title: 'Lägesbild Skärholmen 2025',
    areaIds: [w.districtAreaId],
    period: { from: '2025-01', to: '2025-12' },
  });
  pictureId = picture.id;
});

describe('exporting a picture document', () => {
  it('answers 202 with a task, writes a PDF with the §4 headings and the title, and audits picture.export', async () => {
    const mark = await auditMark(t.current.deps.db);
    const { task, bytes, headers } = await exportAndDownload(w.coordinator, {
      target: { kind: 'picture', id: pictureId },
      format: 'pdf',
      locale: 'sv',
    });
    expect(task.kind).toBe('export.picture_pdf');
    expect(task.download?.fileName).toBe('lagesbild-skarholmen-2025.pdf');
    expect(String(headers['content-type'])).toContain('application/pdf');
    const pdf = await readPdfText(bytes);
    for (const h of ['1. Kartläggning av brottsligheten', '2. Annan relevant information', '3. Analys'])
      expect(pdf.text).toContain(h);
    expect(pdf.info.Title).toBe('Lägesbild Skärholmen 2025');
    expect(pdf.info.Language).toBe('sv-SE');
    const entries = await auditSince(t.current.deps.db, mark);
    const exported = entries.find((e) => e.action === 'picture.export');
    expect(exported).toMatchObject({
      actor_id: w.coordinator.userId,
      organisation_id: w.committeeA,
      target_type: 'picture',
      target_id: pictureId,
    });
    expect(exported?.fields).toEqual(['pdf', 'sv']);
    expect(entries.some((e) => e.action === 'task.download')).toBe(true);
  });

  it('writes every other format', async () => {
    const xlsx = await exportAndDownload(w.coordinator, {
      target: { kind: 'picture', id: pictureId },
      format: 'xlsx',
      locale: 'sv',
    });
    const parts = unzipSync(xlsx.bytes);
    expect(strFromU8(parts['xl/workbook.xml']!)).toContain('name="Om"');

    const csv = await exportAndDownload(w.coordinator, {
      target: { kind: 'picture', id: pictureId },
      format: 'csv',
      locale: 'en',
    });
    const csvText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv.bytes);
    expect(csvText.charCodeAt(0)).toBe(0xfeff);
    expect(csvText).toContain('"section";"table";"row";"column";"gender";"value"');
    expect(csvText).toContain('"1. Mapping of crime"');

    const geo = await exportAndDownload(w.coordinator, {
      target: { kind: 'picture', id: pictureId },
      format: 'geojson',
      locale: 'sv',
    });
    const fc = JSON.parse(new TextDecoder().decode(geo.bytes));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBeGreaterThan(0);
    expect(fc.features.some((f: { geometry: unknown }) => f.geometry !== null)).toBe(true);

    const open = await exportAndDownload(w.security, {
      target: { kind: 'picture', id: pictureId },
      format: 'open_data',
      locale: 'sv',
    });
    expect(open.task.kind).toBe('export.picture_open_data');
    const files = unzipSync(open.bytes);
    expect(Object.keys(files).sort()).toEqual(['README.txt', 'areas.geojson', 'data.csv', 'metadata.json']);
    const all = Object.values(files)
      .map((f) => strFromU8(f))
      .join('\n');
    expect(all).not.toMatch(/extremism/i);
    expect(strFromU8(files['data.csv']!)).toContain('"mapping";"own_by_type"');
  });

  it('hides another committee’s picture (404) and starts nothing', async () => {
    const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM background_tasks`.execute(
      t.current.deps.db,
    );
    const res = await w.otherCoordinator.request('POST', '/api/pictures/exports', {
      target: { kind: 'picture', id: pictureId },
      format: 'pdf',
      locale: 'sv',
    });
    expect(res.statusCode).toBe(404);
    const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM background_tasks`.execute(
      t.current.deps.db,
    );
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('refuses an employee without pictures.read (403) and a bad body (400)', async () => {
    const res = await w.employee.request('POST', '/api/pictures/exports', {
      target: { kind: 'picture', id: pictureId },
      format: 'pdf',
      locale: 'sv',
    });
    expect(res.statusCode).toBe(403);
    const bad = await w.coordinator.request('POST', '/api/pictures/exports', {
      target: { kind: 'picture', id: pictureId },
      format: 'docx',
      locale: 'sv',
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('exporting a snapshot', () => {
  it('writes the frozen figures with "Fryst version", the extremism section only for holders of extremism.read', async () => {
    const id = await insertSnapshot('signed');
    const security = await exportAndDownload(w.security, {
      target: { kind: 'snapshot', id },
      format: 'pdf',
      locale: 'sv',
    });
    const s = await readPdfText(security.bytes);
    expect(s.text).toContain('Fryst version 1, undertecknad');
    expect(s.text).toContain('Våldsbejakande extremism');
    expect(s.text).toMatch(/Rån\s+<5/);
    const manager = await exportAndDownload(w.manager, {
      target: { kind: 'snapshot', id },
      format: 'pdf',
      locale: 'sv',
    });
    const m = await readPdfText(manager.bytes);
    expect(m.text).toContain('3. Analys');
    expect(m.text).not.toContain('Våldsbejakande extremism');
    expect(m.text).not.toContain('EXTREMISM-HEMLIG-ANALYS');
  });

  it('lets the city analyst (pictures.read at the municipality) export a submitted snapshot; another committee gets 404', async () => {
    const frozen = await insertSnapshot('frozen');
    const submitted = await insertSnapshot('submitted');
    for (const id of [frozen, submitted]) {
      const other = await w.otherCoordinator.request('POST', '/api/pictures/exports', {
        target: { kind: 'snapshot', id },
        format: 'xlsx',
        locale: 'sv',
      });
      expect(other.statusCode).toBe(404);
    }
    const ok = await exportAndDownload(w.analyst, {
      target: { kind: 'snapshot', id: submitted },
      format: 'xlsx',
      locale: 'en',
    });
    expect(ok.task.download?.fileName).toBe('fryst-lagesbild-v1.xlsx');
  });
});

describe('exporting a live picture', () => {
  it('uses the figures route’s rules: the analyst exports the whole city, a coordinator is refused it', async () => {
    const ok = await exportAndDownload(w.analyst, {
      target: { kind: 'live', query: { from: '2025-01', to: '2025-12' } },
      format: 'csv',
      locale: 'sv',
    });
    expect(new TextDecoder().decode(ok.bytes)).toContain('1. Kartläggning av brottsligheten');
    const refused = await w.coordinator.request('POST', '/api/pictures/exports', {
      target: { kind: 'live', query: { organisation: w.committeeB, from: '2025-01', to: '2025-12' } },
      format: 'csv',
      locale: 'sv',
    });
    expect([403, 404]).toContain(refused.statusCode);
  });
});
