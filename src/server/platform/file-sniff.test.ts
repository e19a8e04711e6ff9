import { describe, expect, it } from 'vitest';
import {
  sampleAvif,
  sampleExecutable,
  sampleGif,
  sampleHeic,
  sampleHtml,
  sampleJpeg,
  samplePdf,
  samplePng,
  sampleWebp,
} from './file-sniff.fixtures.ts';
import { cleanFileName, sha256Hex, sniffMediaType } from './file-sniff.ts';

describe('sniffMediaType', () => {
  it.each([
    ['a JPEG', sampleJpeg(), 'image/jpeg'],
    ['a PNG', samplePng(), 'image/png'],
    ['a GIF', sampleGif(), 'image/gif'],
    ['a WebP', sampleWebp(), 'image/webp'],
    ['a HEIC', sampleHeic(), 'image/heic'],
    ['a PDF', samplePdf(), 'application/pdf'],
  ])('recognises %s by its content', (_, content, type) => {
    expect(sniffMediaType(content)).toBe(type);
  });

  it.each([
    ['a Windows program', sampleExecutable()],
    ['a web page', sampleHtml()],
    ['an AVIF image (ISO-BMFF, but not HEVC)', sampleAvif()],
    ['an empty file', Buffer.alloc(0)],
    ['plain text', Buffer.from('hej hej, det här är ingen bild')],
  ])('refuses %s', (_, content) => {
    expect(sniffMediaType(content)).toBeNull();
  });

  it('refuses files that only start like an accepted type', () => {
    // The PNG signature without its IHDR chunk, a RIFF that is a WAV, a PDF header after junk.
    expect(sniffMediaType(samplePng().subarray(0, 12))).toBeNull();
    expect(sniffMediaType(Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'))).toBeNull();
    expect(sniffMediaType(Buffer.concat([Buffer.from('<html>'), samplePdf()]))).toBeNull();
    expect(sniffMediaType(Buffer.from([0xff, 0xd8]))).toBeNull();
  });
});

describe('cleanFileName', () => {
  it('keeps the last path segment without control characters', () => {
    expect(cleanFileName('C:\\Users\\a\\bild 1.jpg', 'image/jpeg')).toBe('bild 1.jpg');
    expect(cleanFileName('../../etc/passwd', 'application/pdf')).toBe('passwd');
    expect(cleanFileName('ra\u0000d\nx.png', 'image/png')).toBe('radx.png');
  });

  it('names a file by its type when no name is left', () => {
    expect(cleanFileName('', 'image/png')).toBe('bilaga.png');
    expect(cleanFileName(null, 'application/pdf')).toBe('bilaga.pdf');
    expect(cleanFileName('..', 'image/gif')).toBe('bilaga.gif');
  });

  it('shortens long names from the front, keeping the ending', () => {
    const name = cleanFileName(`${'a'.repeat(300)}.jpg`, 'image/jpeg');
    expect(name).toHaveLength(255);
    expect(name.endsWith('.jpg')).toBe(true);
  });
});

it('sha256Hex gives the hex digest', () => {
  expect(sha256Hex(Buffer.from('abc'))).toBe(
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  );
});
