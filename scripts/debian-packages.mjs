// Installs the Debian packages a command needs when some are missing (apt-get, as root or with
// passwordless sudo), or says in one line what to run. Lists: services/model/debian-packages.txt
// (the model service, ffmpeg, test voices) and, for tests, e2e/debian-packages.txt (chromium).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;

const listed = (file) =>
  readFileSync(`${root}${file}`, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

const installed = (pkg) =>
  spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed');

/** Returns true when every package is there (installing what it can), false after printing what to run. */
export function ensureDebianPackages(lists) {
  if (!existsSync('/usr/bin/dpkg-query')) return true; // not Debian: the README says what to install
  const missing = lists.flatMap(listed).filter((pkg) => !installed(pkg));
  if (!missing.length) return true;
  const asRoot = process.getuid?.() === 0;
  const sudo = asRoot ? [] : spawnSync('sudo', ['-n', 'true']).status === 0 ? ['sudo'] : null;
  const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (!sudo) {
    console.error(`preflight: missing Debian packages; run: sudo apt-get update && sudo ${command}`);
    return false;
  }
  console.log(`preflight: installing Debian packages: ${missing.join(' ')}`);
  const run = (args) =>
    spawnSync(sudo[0] ?? args[0], sudo.length ? args : args.slice(1), {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  if (
    run(['apt-get', 'update', '-qq']) &&
    run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing])
  )
    return true;
  console.error(`preflight: could not install Debian packages; run: sudo apt-get update && sudo ${command}`);
  return false;
}
