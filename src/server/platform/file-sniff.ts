import crypto from 'node:crypto';

/** The kinds of file a report may carry (images and PDF), as the content shows them. */
export const SNIFFED_MEDIA_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'application/pdf',
] as const;
export type SniffedMediaType = (typeof SNIFFED_MEDIA_TYPES)[number];

/** The usual file name ending of each type, for uploads sent without a name. */
export const EXTENSIONS: Record<SniffedMediaType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'application/pdf': 'pdf',
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** ISO-BMFF major/compatible brands of HEIF images (HEVC-coded stills and sequences). */
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);
/** Brands that mark an ISO-BMFF file as HEVC-coded (`mif1` alone is also AVIF's). */
const HEVC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);

const ascii = (buf: Buffer, start: number, end: number) => buf.toString('latin1', start, end);

function isJpeg(b: Buffer): boolean {
  // SOI followed by another marker (APPn, DQT, SOF…).
  return b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff && b[3]! >= 0xc0;
}

function isPng(b: Buffer): boolean {
  // The signature, then the IHDR chunk of 13 bytes, which must come first.
  return (
    b.length >= 33 &&
    b.subarray(0, 8).equals(PNG_SIGNATURE) &&
    b.readUInt32BE(8) === 13 &&
    ascii(b, 12, 16) === 'IHDR'
  );
}

function isGif(b: Buffer): boolean {
  const header = ascii(b, 0, 6);
  return b.length >= 13 && (header === 'GIF87a' || header === 'GIF89a');
}

function isWebp(b: Buffer): boolean {
  return (
    b.length >= 16 &&
    ascii(b, 0, 4) === 'RIFF' &&
    ascii(b, 8, 12) === 'WEBP' &&
    ['VP8 ', 'VP8L', 'VP8X'].includes(ascii(b, 12, 16))
  );
}

function isHeic(b: Buffer): boolean {
  // An ISO-BMFF `ftyp` box first: size, 'ftyp', major brand, minor version, compatible brands.
  if (b.length < 16 || ascii(b, 4, 8) !== 'ftyp') return false;
  const size = b.readUInt32BE(0);
  if (size < 16 || size > b.length || size % 4 !== 0) return false;
  const brands = [ascii(b, 8, 12)];
  for (let at = 16; at + 4 <= size; at += 4) brands.push(ascii(b, at, at + 4));
  return HEIF_BRANDS.has(brands[0]!) && brands.some((brand) => HEVC_BRANDS.has(brand));
}

function isPdf(b: Buffer): boolean {
  // '%PDF-1.x' or '%PDF-2.0' at the very start (no junk before it: that is how polyglots hide).
  return b.length >= 8 && /^%PDF-[12]\.\d/.test(ascii(b, 0, 8));
}

/**
 * The media type of a file judged only by its content (magic numbers and the first structure
 * after them), never by its name or the type the client claims: null for anything else, including
 * a program or a web page renamed to `photo.jpg`.
 */
export function sniffMediaType(content: Buffer): SniffedMediaType | null {
  if (isJpeg(content)) return 'image/jpeg';
  if (isPng(content)) return 'image/png';
  if (isGif(content)) return 'image/gif';
  if (isWebp(content)) return 'image/webp';
  if (isHeic(content)) return 'image/heic';
  if (isPdf(content)) return 'application/pdf';
  return null;
}

export function sha256Hex(content: Buffer): string {
  return crypto.createHash('sha256').update(content).digest('hex');
}

/**
 * A file name safe to store and show: the last path segment, without control characters, at most
 * 255 characters; a name from the type when nothing is left.
 */
export function cleanFileName(raw: string | null | undefined, mediaType: SniffedMediaType): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const name = cleaned === '' || cleaned === '.' || cleaned === '..' ? '' : cleaned;
  if (name === '') return `bilaga.${EXTENSIONS[mediaType]}`;
  return name.length <= 255 ? name : name.slice(name.length - 255);
}
