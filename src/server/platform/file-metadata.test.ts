import { describe, expect, it } from 'vitest';
import { canStripMetadata, stripMetadata } from './file-metadata.ts';
import {
  sampleGif,
  sampleGifWithComment,
  sampleHeic,
  sampleJpeg,
  sampleJpegWithExif,
  samplePdf,
  samplePng,
  samplePngWithText,
  sampleWebp,
  sampleWebpWithExif,
} from './file-sniff.fixtures.ts';
import { sniffMediaType } from './file-sniff.ts';

const NAME = 'Agnes Anonymsdotter';
const has = (b: Buffer, text: string) => b.includes(Buffer.from(text, 'latin1'));

describe('stripMetadata', () => {
  it('removes EXIF and comments from a JPEG, keeping the orientation and the picture', () => {
    const original = sampleJpegWithExif(NAME, 6);
    expect(has(original, NAME)).toBe(true);
    const clean = stripMetadata(original, 'image/jpeg');
    expect(has(clean, NAME)).toBe(false);
    expect(has(clean, 'Kamera')).toBe(false);
    expect(sniffMediaType(clean)).toBe('image/jpeg');
    // SOI, JFIF's APP0 first, then a minimal EXIF with orientation 6 only.
    expect(clean.subarray(0, 20)).toEqual(original.subarray(0, 20));
    expect(clean.subarray(20, 22)).toEqual(Buffer.from([0xff, 0xe1]));
    expect(clean.readUInt16BE(20 + 2 + 2 + 6 + 8 + 2 + 8)).toBe(6);
    // Everything from the scan on is untouched.
    const scan = original.indexOf(Buffer.from([0xff, 0xda]));
    expect(clean.subarray(clean.indexOf(Buffer.from([0xff, 0xda])))).toEqual(original.subarray(scan));
  });

  it('leaves a JPEG without metadata as it is', () => {
    const plain = Buffer.concat([
      sampleJpeg(100).subarray(0, 20),
      Buffer.from([0xff, 0xda]),
      sampleJpeg(100).subarray(20),
    ]);
    expect(stripMetadata(plain, 'image/jpeg')).toEqual(plain);
  });

  it('removes text chunks from a PNG', () => {
    const clean = stripMetadata(samplePngWithText(NAME), 'image/png');
    expect(has(clean, NAME)).toBe(false);
    expect(clean).toEqual(samplePng());
  });

  it('removes EXIF from a WebP and clears its flag', () => {
    const original = sampleWebpWithExif(NAME);
    const clean = stripMetadata(original, 'image/webp');
    expect(has(clean, NAME)).toBe(false);
    expect(clean.readUInt32LE(4)).toBe(clean.length - 8);
    expect(clean[20]! & 0x08).toBe(0);
    expect(stripMetadata(sampleWebp(), 'image/webp')).toEqual(sampleWebp());
  });

  it('removes comments from a GIF', () => {
    const clean = stripMetadata(sampleGifWithComment(NAME), 'image/gif');
    expect(has(clean, NAME)).toBe(false);
    expect(clean).toEqual(sampleGif());
  });

  it('does not offer to clean HEIC or PDF', () => {
    expect(canStripMetadata('image/heic')).toBe(false);
    expect(canStripMetadata('application/pdf')).toBe(false);
    expect(() => stripMetadata(samplePdf(), 'application/pdf')).toThrow();
    expect(() => stripMetadata(sampleHeic(), 'image/heic')).toThrow();
  });

  it('refuses a broken file rather than pass it on', () => {
    expect(() => stripMetadata(sampleJpegWithExif(NAME).subarray(0, 30), 'image/jpeg')).toThrow();
    expect(() => stripMetadata(samplePng().subarray(0, 40), 'image/png')).toThrow();
  });
});
