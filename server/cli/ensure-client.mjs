// Builds the workbench client once when it is missing, so `npm install && npm start` just works.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
if (!existsSync(path.join(root, 'client', 'dist', 'index.html'))) {
  process.stderr.write('Building the workbench client (first start only)…\n');
  execSync('npx vite build --config client/vite.config.ts --logLevel warn', { cwd: root, stdio: 'inherit' });
}
