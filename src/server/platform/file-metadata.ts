import type { SniffedMediaType } from './file-sniff.ts';

/**
 * Removes what a file says about who made it — EXIF (camera owner, serial numbers, GPS position),
 * XMP, ICC-less comments and text chunks — keeping the picture itself, for anonymous reports.
 * JPEG keeps its orientation (a phone photo would otherwise show on its side).
 *
 * HEIC and PDF cannot be cleaned this simply (the metadata lives inside structures that point at
 * each other), so they are not offered: `canStripMetadata` says which types can be.
 */

const STRIPPABLE = new Set<SniffedMediaType>(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

export function canStripMetadata(mediaType: SniffedMediaType): boolean {
  return STRIPPABLE.has(mediaType);
}

/** The file without its metadata; throws for a type that cannot be cleaned or a broken file. */
export function stripMetadata(content: Buffer, mediaType: SniffedMediaType): Buffer {
  switch (mediaType) {
    case 'image/jpeg':
      return stripJpeg(content);
    case 'image/png':
      return stripPng(content);
    case 'image/webp':
      return stripWebp(content);
    case 'image/gif':
      return stripGif(content);
    default:
      throw new Error(`Cannot remove metadata from ${mediaType}`);
  }
}

// --- JPEG: drop APP1–APP15 and COM segments before the scan, except an ICC profile and Adobe's
// colour-transform marker (both needed to show the colours right); keep EXIF's orientation only.

function jpegOrientation(exif: Buffer): number | null {
  // 'Exif\0\0', then a TIFF header (byte order, 42, offset of IFD0), then IFD0's entries.
  if (exif.length < 14 || exif.toString('latin1', 0, 6) !== 'Exif\0\0') return null;
  const tiff = exif.subarray(6);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  if (tiff.length < 8 || u16(2) !== 42) return null;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return null;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}

/** An APP1 segment holding a minimal EXIF block with only the orientation. */
function orientationSegment(orientation: number): Buffer {
  const body = Buffer.alloc(6 + 8 + 2 + 12 + 4);
  body.write('Exif\0\0', 0, 'latin1');
  body.write('MM', 6, 'latin1');
  body.writeUInt16BE(42, 8);
  body.writeUInt32BE(8, 10);
  body.writeUInt16BE(1, 14); // one entry
  body.writeUInt16BE(0x0112, 16); // Orientation
  body.writeUInt16BE(3, 18); // SHORT
  body.writeUInt32BE(1, 20); // one value
  body.writeUInt16BE(orientation, 24);
  body.writeUInt32BE(0, 28); // no next IFD
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

function stripJpeg(b: Buffer): Buffer {
  if (b[0] !== 0xff || b[1] !== 0xd8) throw new Error('Not a JPEG');
  const kept: Buffer[] = [b.subarray(0, 2)];
  let orientation: number | null = null;
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) throw new Error('Broken JPEG');
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) {
      // Start of scan (or end of image): the rest is picture data.
      kept.push(b.subarray(at));
      // Right after the start (and JFIF's APP0, which must come first).
      const afterApp0 = kept[1]?.[1] === 0xe0 ? 2 : 1;
      if (orientation !== null) kept.splice(afterApp0, 0, orientationSegment(orientation));
      return Buffer.concat(kept);
    }
    const length = b.readUInt16BE(at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > b.length) throw new Error('Broken JPEG');
    const payload = b.subarray(at + 4, end);
    const isApp = marker >= 0xe1 && marker <= 0xef;
    const keep =
      (!isApp && marker !== 0xfe) ||
      (marker === 0xe2 && payload.toString('latin1', 0, 12) === 'ICC_PROFILE\0') ||
      (marker === 0xee && payload.toString('latin1', 0, 5) === 'Adobe');
    if (marker === 0xe1 && orientation === null) orientation = jpegOrientation(payload);
    if (keep) kept.push(b.subarray(at, end));
    at = end;
  }
  throw new Error('Broken JPEG');
}

// --- PNG: keep only the chunks that draw the picture.

const PNG_KEEP = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'iCCP',
  'sBIT',
  'pHYs',
  'bKGD',
  'acTL',
  'fcTL',
  'fdAT',
]);

function stripPng(b: Buffer): Buffer {
  const kept: Buffer[] = [b.subarray(0, 8)];
  let at = 8;
  while (at + 12 <= b.length) {
    const length = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (end > b.length) throw new Error('Broken PNG');
    if (PNG_KEEP.has(type)) kept.push(b.subarray(at, end));
    at = end;
    if (type === 'IEND') return Buffer.concat(kept);
  }
  throw new Error('Broken PNG');
}

// --- WebP: drop the EXIF and XMP chunks and their flags in the VP8X header.

function stripWebp(b: Buffer): Buffer {
  const kept: Buffer[] = [];
  let at = 12;
  while (at + 8 <= b.length) {
    const type = b.toString('latin1', at, at + 4);
    const size = b.readUInt32LE(at + 4);
    const end = at + 8 + size + (size % 2);
    if (at + 8 + size > b.length) throw new Error('Broken WebP');
    if (type === 'VP8X') {
      const chunk = Buffer.from(b.subarray(at, Math.min(end, b.length)));
      chunk[8] = chunk[8]! & ~0x0c; // clear the EXIF (0x08) and XMP (0x04) flags
      kept.push(chunk);
    } else if (type !== 'EXIF' && type !== 'XMP ') kept.push(b.subarray(at, Math.min(end, b.length)));
    at = end;
  }
  const body = Buffer.concat([Buffer.from('WEBP'), ...kept]);
  const head = Buffer.alloc(8);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

// --- GIF: drop comment and plain-text extensions and application extensions other than looping.

function skipSubBlocks(b: Buffer, at: number): number {
  let i = at;
  while (i < b.length) {
    const size = b[i]!;
    i += 1 + size;
    if (size === 0) return i;
  }
  throw new Error('Broken GIF');
}

function stripGif(b: Buffer): Buffer {
  const flags = b[10]!;
  let at = 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0);
  const kept: Buffer[] = [b.subarray(0, at)];
  while (at < b.length) {
    const introducer = b[at]!;
    if (introducer === 0x3b) {
      kept.push(b.subarray(at, at + 1));
      return Buffer.concat(kept);
    }
    if (introducer === 0x21) {
      const label = b[at + 1]!;
      const end = skipSubBlocks(b, at + 2);
      const isLoop = label === 0xff && b.toString('latin1', at + 3, at + 14) === 'NETSCAPE2.0';
      if (label === 0xf9 || isLoop) kept.push(b.subarray(at, end));
      at = end;
    } else if (introducer === 0x2c) {
      const local = b[at + 9]!;
      const table = local & 0x80 ? 3 * 2 ** ((local & 0x07) + 1) : 0;
      const end = skipSubBlocks(b, at + 10 + table + 1);
      kept.push(b.subarray(at, end));
      at = end;
    } else throw new Error('Broken GIF');
  }
  throw new Error('Broken GIF');
}
