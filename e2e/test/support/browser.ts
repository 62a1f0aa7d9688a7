/** Debian's Chromium (installed by .ci/run); never a browser that playwright downloads. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, without a sandbox (root in CI) and without the browser's own background traffic. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
];
