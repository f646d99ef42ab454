// Bundles src/editor.js into ../wwwroot/js/editor.js (committed, so the site needs no npm to run).
// `node build.mjs --check` builds in memory and fails when the committed bundle differs from its sources.
import { build } from 'esbuild';
import { readFile, writeFile } from 'node:fs/promises';

const outfile = new URL('../wwwroot/js/editor.js', import.meta.url);
const result = await build({
  entryPoints: ['src/editor.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  legalComments: 'eof',
  banner: { js: '/* Gazette editor bundle: CodeMirror 6 and Lezer (MIT licence), built from src/Gazette/ClientApp by npm run build */' },
  write: false,
  outfile: outfile.pathname,
});
const built = result.outputFiles[0].text;
if (process.argv.includes('--check')) {
  const committed = await readFile(outfile, 'utf8').catch(() => '');
  if (committed !== built) {
    console.error('wwwroot/js/editor.js is not what src/ builds: run npm run build and commit it.');
    process.exit(1);
  }
  console.log('wwwroot/js/editor.js matches its sources.');
} else {
  await writeFile(outfile, built);
  console.log(`wwwroot/js/editor.js: ${(built.length / 1024).toFixed(1)} KB`);
}
