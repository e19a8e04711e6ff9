import zlib from 'node:zlib';

/** Small but well-formed files of every accepted type, and disguised ones, for tests. */

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real 1 × 1 PNG (a red pixel). */
export function samplePng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, no filter, no interlace
  const pixels = zlib.deflateSync(Buffer.from([0, 0xff, 0, 0]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', pixels),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The start of a JFIF JPEG (SOI, APP0) with some payload. */
export function sampleJpeg(size = 600): Buffer {
  const head = Buffer.from([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00,
    0x01, 0x00, 0x00,
  ]);
  const body = Buffer.alloc(Math.max(0, size - head.length - 2), 0x11);
  return Buffer.concat([head, body, Buffer.from([0xff, 0xd9])]);
}

/** The classic smallest GIF: 1 × 1, transparent. */
export function sampleGif(): Buffer {
  return Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
}

/** A RIFF/WEBP container holding a (lossless) VP8L chunk. */
export function sampleWebp(): Buffer {
  const vp8l = Buffer.from([0x2f, 0x00, 0x00, 0x00, 0x00, 0x88, 0x88, 0x08]);
  const chunk = Buffer.concat([Buffer.from('VP8L'), u32le(vp8l.length), vp8l]);
  const body = Buffer.concat([Buffer.from('WEBP'), chunk]);
  return Buffer.concat([Buffer.from('RIFF'), u32le(body.length), body]);
}

/** An ISO-BMFF file whose `ftyp` box says HEIC, as phones write them. */
export function sampleHeic(): Buffer {
  const brands = Buffer.from('heic\0\0\0\0mif1heic', 'latin1');
  const ftyp = Buffer.concat([u32be(8 + brands.length), Buffer.from('ftyp'), brands]);
  const meta = Buffer.concat([u32be(16), Buffer.from('meta'), Buffer.alloc(8)]);
  return Buffer.concat([ftyp, meta]);
}

/** A one-page PDF. */
export function samplePdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
      '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
      '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 10 10]>> endobj\n' +
      'trailer <</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );
}

/** A Windows program (MZ header), as a renamed `photo.jpg` would carry it. */
export function sampleExecutable(): Buffer {
  return Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
}

/** An HTML page (a script) pretending to be an image. */
export function sampleHtml(): Buffer {
  return Buffer.from('<!doctype html><script>alert(1)</script>', 'utf8');
}

/** An AVIF image: ISO-BMFF like HEIC, but not HEVC, so not accepted as HEIC. */
export function sampleAvif(): Buffer {
  const brands = Buffer.from('avif\0\0\0\0mif1avif', 'latin1');
  return Buffer.concat([u32be(8 + brands.length), Buffer.from('ftyp'), brands, Buffer.alloc(16)]);
}

function u32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

function u32be(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** A JPEG whose EXIF names the photographer, a camera serial number and the orientation. */
export function sampleJpegWithExif(artist: string, orientation = 6): Buffer {
  const text = Buffer.from(`${artist}\0`, 'latin1');
  // TIFF (big-endian): IFD0 with Orientation (inline) and Artist (ASCII, at an offset).
  const entries = 2;
  const ifdSize = 2 + entries * 12 + 4;
  const tiff = Buffer.alloc(8 + ifdSize + text.length);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(entries, 8);
  tiff.writeUInt16BE(0x0112, 10);
  tiff.writeUInt16BE(3, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  tiff.writeUInt16BE(0x013b, 22);
  tiff.writeUInt16BE(2, 24);
  tiff.writeUInt32BE(text.length, 26);
  tiff.writeUInt32BE(8 + ifdSize, 30);
  tiff.writeUInt32BE(0, 34);
  text.copy(tiff, 8 + ifdSize);
  const exif = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), u16be(exif.length + 2), exif]);
  const comment = Buffer.from(`Kamera tillhör ${artist}`, 'utf8');
  const com = Buffer.concat([Buffer.from([0xff, 0xfe]), u16be(comment.length + 2), comment]);
  const jpeg = sampleJpeg(300);
  // SOI, APP0 (JFIF, 18 bytes), then the metadata, then the rest.
  return Buffer.concat([jpeg.subarray(0, 20), app1, com, Buffer.from([0xff, 0xda]), jpeg.subarray(20)]);
}

/** A PNG with a text chunk naming its author. */
export function samplePngWithText(author: string): Buffer {
  const png = samplePng();
  const iend = png.length - 12;
  const text = pngChunk('tEXt', Buffer.from(`Author\0${author}`, 'latin1'));
  return Buffer.concat([png.subarray(0, iend), text, png.subarray(iend)]);
}

/** An extended WebP (VP8X) carrying EXIF. */
export function sampleWebpWithExif(artist: string): Buffer {
  const vp8x = Buffer.concat([
    Buffer.from('VP8X'),
    u32le(10),
    Buffer.from([0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
  ]);
  const exifData = Buffer.from(`Exif\0\0${artist}`, 'latin1');
  const pad = exifData.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0);
  const exif = Buffer.concat([Buffer.from('EXIF'), u32le(exifData.length), exifData, pad]);
  const image = sampleWebp().subarray(12);
  const body = Buffer.concat([Buffer.from('WEBP'), vp8x, image, exif]);
  return Buffer.concat([Buffer.from('RIFF'), u32le(body.length), body]);
}

/** The smallest GIF with a comment extension before its image. */
export function sampleGifWithComment(comment: string): Buffer {
  const gif = sampleGif();
  // Header 6 + screen descriptor 7 + a 2-colour table 6 = 19 bytes before the first block.
  const text = Buffer.from(comment, 'latin1');
  const ext = Buffer.concat([Buffer.from([0x21, 0xfe, text.length]), text, Buffer.from([0])]);
  return Buffer.concat([gif.subarray(0, 19), ext, gif.subarray(19)]);
}

function u16be(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}
