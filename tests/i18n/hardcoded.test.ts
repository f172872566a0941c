import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleFiles, hardcodedTexts } from './hardcoded-text';

const web = path.resolve(import.meta.dirname, '../../web/src');

describe('the console has no text outside its catalogues', () => {
  it('finds a text written into JSX or a read prop (so the check itself works)', () => {
    const probe = path.resolve(import.meta.dirname, 'fixtures/hardcoded.tsx');
    expect(hardcodedTexts(probe).map((h) => h.text)).toEqual([
      'Hello there',
      'Shown as is',
      'Yes',
      'No',
      'Search contacts',
      'Close the panel',
    ]);
  });

  it('every page and component takes its words from web/src/locales', () => {
    const found = consoleFiles(web).flatMap(hardcodedTexts);
    const where = found.map((h) => `${path.relative(web, h.file)}:${h.line} ${h.text}`);
    expect(where).toEqual([]);
  });
});
