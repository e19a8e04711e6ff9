import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  SAMPLE_AREA_IDS,
  samplePictureFigures,
  samplePictureGeometries,
  samplePictureTexts,
} from '../../../../tests/support/picture-figures.ts';
import { find, findAll, parseXml } from '../../../../tests/support/xlsx.ts';
import { buildPictureCsv, csvValue } from './export-csv.ts';
import { buildPictureGeoJson, type PictureFeatureCollection } from './export-geojson.ts';
import { buildOpenDataZip, OpenDataNotSuppressedError } from './export-open-data.ts';
import { buildPicturePdf } from './export-pdf.ts';
import { buildPictureXlsx, workbookSheetNames } from './export-xlsx.ts';

async function readPdf(bytes: Uint8Array) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const content = await page.getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
  }
  const metadata = await pdf.getMetadata();
  const markInfo = await pdf.getMarkInfo();
  const firstTree = await (await pdf.getPage(1)).getStructTree();
  await pdf.destroy();
  return {
    pages,
    text: pages.join('\n'),
    info: metadata.info as Record<string, unknown>,
    markInfo,
    firstTree,
  };
}

function roles(node: unknown, out: string[] = []): string[] {
  const n = node as { role?: string; children?: unknown[] };
  if (n?.role) out.push(n.role);
  for (const c of n?.children ?? []) roles(c, out);
  return out;
}

describe('picture PDF', () => {
  it('has the §4 headings, the title and language, tagged structure and "<5" for a suppressed cell', async () => {
    const bytes = await buildPicturePdf(samplePictureFigures(), samplePictureTexts(), 'sv', {
      geometries: samplePictureGeometries(),
    });
    const raw = Buffer.from(bytes).toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    const pdf = await readPdf(bytes);
    for (const heading of [
      '1. Kartläggning av brottsligheten',
      '2. Annan relevant information',
      '3. Analys',
      'Källor och täckning',
    ]) {
      expect(pdf.text).toContain(heading);
    }
    const order = ['1. Kartläggning', '2. Annan relevant', '3. Analys', 'Källor och täckning'].map((h) =>
      pdf.text.indexOf(h),
    );
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(pdf.info.Title).toBe('Lägesbild Skärholmen 2025');
    expect(pdf.info.Language).toBe('sv-SE');
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    expect(pdf.markInfo?.Marked).toBe(true);
    expect(raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
    const r = roles(pdf.firstTree);
    expect(r).toEqual(
      expect.arrayContaining(['Document', 'H1', 'H2', 'P', 'Figure', 'Table', 'TR', 'TH', 'TD']),
    );
    // Robbery among women is 'small': its row prints "<5"
    expect(pdf.text).toMatch(/Rån\s+<5/);
    expect(pdf.text).toContain('•');
    // the analysis under Brå's questions, the notes, the map's names and page numbers
    expect(pdf.text).toContain('Var är problemen störst?');
    expect(pdf.text).toContain('Problemen är störst kring Skärholmens centrum');
    expect(pdf.text).toContain('Fritidsgården har haft kortare');
    expect(pdf.text).toContain('Bredäng');
    expect(pdf.text).toContain(`Sida 1 av ${pdf.pages.length}`);
    expect(pdf.text).toContain('Aktuella siffror');
    // the extremism section is there when the figures hold it
    expect(pdf.text).toContain('Våldsbejakande extremism');
    expect(pdf.text).toContain('EXTREMISM-HEMLIG-ANALYS');
  });

  it('says which frozen version it is, in English with English headings, without extremism when absent', async () => {
    const bytes = await buildPicturePdf(
      samplePictureFigures({ extremism: null }),
      {
        ...samplePictureTexts(),
        snapshot: {
          version: 3,
          status: 'signed',
          frozenAt: '2026-01-20T10:00:00.000Z',
          signedAt: '2026-01-21T10:00:00.000Z',
          signedBy: 'Karin Berg',
          submittedAt: null,
        },
      },
      'en',
    );
    const pdf = await readPdf(bytes);
    expect(pdf.info.Language).toBe('en-GB');
    for (const h of [
      '1. Mapping of crime',
      '2. Other relevant information',
      '3. Analysis',
      'Sources and coverage',
    ])
      expect(pdf.text).toContain(h);
    expect(pdf.text).toContain('Frozen version 3, signed 21 January 2026 by Karin Berg');
    expect(pdf.text).not.toContain('Violent extremism');
    expect(pdf.text).not.toContain('EXTREMISM-HEMLIG-ANALYS');
  });

  it('prints "Fryst version N, undertecknad …" in Swedish', async () => {
    const bytes = await buildPicturePdf(
      samplePictureFigures({ extremism: null }),
      {
        ...samplePictureTexts(),
        snapshot: {
          version: 2,
          status: 'submitted',
          frozenAt: '2026-01-20T10:00:00.000Z',
          signedAt: '2026-01-21T10:00:00.000Z',
          signedBy: 'Karin Berg',
          submittedAt: '2026-01-22T10:00:00.000Z',
        },
      },
      'sv',
    );
    const pdf = await readPdf(bytes);
    expect(pdf.text).toContain('Fryst version 2, undertecknad 21 januari 2026 av Karin Berg');
  });
});

describe('picture XLSX', () => {
  it('puts every table on its own sheet after an "Om" sheet, suppressed cells as text', () => {
    const bytes = buildPictureXlsx(samplePictureFigures(), samplePictureTexts(), 'sv');
    const names = workbookSheetNames(bytes);
    expect(names[0]).toBe('Om');
    expect(names).toEqual(
      expect.arrayContaining([
        'Analys',
        'Egna rapporter per fokusområde',
        'Egna rapporter per typ',
        'Polisens händelser per typ',
        'Per område',
        'Utveckling per månad',
        'Trygghetsmätningar',
      ]),
    );
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(31);
    const files = unzipSync(bytes);
    // every part parses strictly
    for (const [name, file] of Object.entries(files))
      if (/\.(xml|rels)$/.test(name)) parseXml(strFromU8(file));
    const sheetIndex = names.indexOf('Egna rapporter per typ') + 1;
    const sheet = parseXml(strFromU8(files[`xl/worksheets/sheet${sheetIndex}.xml`]!));
    const rows = findAll(sheet, 'row').map((row) =>
      row.children.map((c) =>
        c.attrs.t === 'inlineStr' ? (find(c, 't')?.text ?? '') : Number(find(c, 'v')?.text),
      ),
    );
    expect(rows[0]![0]).toBe('Typ');
    expect(rows[0]![1]).toBe('Perioden: Kvinnor');
    const robbery = rows.find((r) => r[0] === 'Rån')!;
    expect(robbery[1]).toBe('<5');
    expect(robbery[2]).toBe('•');
    expect(robbery[5]).toBe(10);
    const about = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(about).toContain('Skärholmens stadsdelsnämnd');
    expect(about).toContain('2025-01 – 2025-12');
    expect(about).toContain('färre än 5');
    expect(about).toContain('Polisens händelser');
  });
});

describe('picture CSV', () => {
  it('is one long table with a BOM, semicolons and guarded text', () => {
    const figures = samplePictureFigures();
    figures.surveys[0]!.questionLabel = '=HYPERLINK("x")';
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(buildPictureCsv(figures, 'sv'));
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('"avsnitt";"tabell";"rad";"kolumn";"kön";"värde"');
    expect(lines).toContain(
      '"1. Kartläggning av brottsligheten";"Egna rapporter per typ";"Rån";"Perioden";"Kvinnor";"<5"',
    );
    expect(lines).toContain(
      '"1. Kartläggning av brottsligheten";"Egna rapporter per typ";"Hot";"Perioden";"Totalt";45',
    );
    expect(lines).toContain(
      '"1. Kartläggning av brottsligheten";"Egna rapporter per typ";"Hot";"Per 1 000 invånare";"";1,18',
    );
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(text).not.toMatch(/;"=/);
    for (const line of lines) expect(line.split(';').length).toBeGreaterThanOrEqual(6);
  });

  it('writes numbers bare and never guards a negative change', () => {
    expect(csvValue(-3, 5, ',')).toBe('-3');
    expect(csvValue(1.5, 5, ',')).toBe('1,5');
    expect(csvValue('small', 5, '.')).toBe('"<5"');
    expect(csvValue('hidden', 5, '.')).toBe('"•"');
  });
});

describe('picture GeoJSON', () => {
  it('is a FeatureCollection of the areas with geometry and figures, suppressed values flagged', () => {
    const fc = JSON.parse(
      new TextDecoder().decode(buildPictureGeoJson(samplePictureFigures(), samplePictureGeometries())),
    ) as PictureFeatureCollection;
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f) => f.id)).toEqual([
      SAMPLE_AREA_IDS.centrum,
      SAMPLE_AREA_IDS.bredang,
      SAMPLE_AREA_IDS.satra,
    ]);
    for (const f of fc.features) {
      expect(f.type).toBe('Feature');
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry?.type);
      const rings = f.geometry!.type === 'Polygon' ? [f.geometry!.coordinates] : f.geometry!.coordinates;
      for (const poly of rings as number[][][][])
        for (const ring of poly) {
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring[0]).toEqual(ring.at(-1));
          for (const [lon, lat] of ring) {
            expect(lon).toBeGreaterThan(-180);
            expect(lat).toBeLessThan(90);
          }
        }
    }
    const bredang = fc.features[1]!.properties;
    expect(bredang).toMatchObject({
      name: 'Bredäng',
      own_woman: 38,
      own_man: 25,
      own_total: 63,
      police: 140,
      suppressed: [],
    });
    const satra = fc.features[2]!.properties;
    expect(satra).toMatchObject({ own_woman: '<5', own_man: '•', own_total: 6 });
    expect(satra.suppressed).toEqual(['own_woman', 'own_man']);
    expect(fc.suppression).toEqual({ threshold: 5, applied: true });
  });
});

describe('open data', () => {
  const threshold = 5;
  it('holds only suppressed aggregates, no extremism and no free text', () => {
    const figures = samplePictureFigures();
    const texts = samplePictureTexts();
    const files = unzipSync(
      buildOpenDataZip(figures, samplePictureGeometries(), new Date('2026-02-01T00:00:00Z')),
    );
    expect(Object.keys(files).sort()).toEqual(['README.txt', 'areas.geojson', 'data.csv', 'metadata.json']);
    const all = Object.values(files)
      .map((f) => strFromU8(f))
      .join('\n');
    expect(all).not.toMatch(/extremism/i);
    expect(all).not.toContain('EXTREMISM-HEMLIG-ANALYS');
    for (const t of [...Object.values(texts.analysis), texts.notes]) expect(all).not.toContain(t);
    const csv = strFromU8(files['data.csv']!).trimEnd().split('\r\n');
    expect(csv[0]).toBe('"section";"table";"row";"column";"gender";"value"');
    const countTables = new Set([
      'own_by_focus_area',
      'own_by_type',
      'police_by_type',
      'police_by_focus_area',
      'areas',
      'trend',
      'heatmap',
      'reported_crime',
      'observations',
    ]);
    let counted = 0;
    for (const line of csv.slice(1)) {
      const fields = line.split(';');
      const table = fields[1]!.replace(/"/g, '');
      const column = fields[3]!.replace(/"/g, '');
      const value = fields[5]!;
      if (!countTables.has(table) || /rate|change|population|mapped/.test(column)) continue;
      counted++;
      if (/^\d+$/.test(value)) {
        const n = Number(value);
        expect(n === 0 || n >= threshold, `${line}`).toBe(true);
      }
    }
    expect(counted).toBeGreaterThan(100);
    expect(csv).toContain('"mapping";"own_by_type";"robbery";"current";"woman";"<5"');
    const metadata = JSON.parse(strFromU8(files['metadata.json']!));
    expect(metadata.licence.id).toBe('CC0-1.0');
    expect(metadata.suppression.threshold).toBe(5);
    const geo = JSON.parse(strFromU8(files['areas.geojson']!));
    expect(geo.features).toHaveLength(3);
  });

  it('refuses figures that were not suppressed', () => {
    const figures = samplePictureFigures({ suppression: { threshold: 5, applied: false } });
    expect(() => buildOpenDataZip(figures, new Map(), new Date())).toThrow(OpenDataNotSuppressedError);
  });

  it('refuses to publish a small count left as a number', () => {
    const figures = samplePictureFigures();
    figures.own.byType[0]!.current.woman = 3;
    expect(() => buildOpenDataZip(figures, new Map(), new Date())).toThrow(OpenDataNotSuppressedError);
  });
});
