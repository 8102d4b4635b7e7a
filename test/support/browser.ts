import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it when run as root). */
export const CHROMIUM = process.env.SEAM_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Headless Chromium for browser tests. Never skips: without the browser the test fails and
 * says how to get it (no browser is ever downloaded).
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}: run \`sudo apt-get install -y chromium\` ` +
        '(Debian/Ubuntu) or set SEAM_CHROMIUM to a Chromium binary.',
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
