import { defineConfig, devices } from '@playwright/test';

// PW_CHROMIUM_PATH (set by scripts/test.sh when Playwright's own browser cannot be
// downloaded) points at a system Chromium; otherwise Playwright's bundled one is used.
const executablePath = process.env.PW_CHROMIUM_PATH;
// PW_PORT lets several checkouts run their browser tests side by side
const port = Number(process.env.PW_PORT) || 4317;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  // two files at a time: the browser and the page's worker keep two cores busy between them
  workers: Number(process.env.PW_WORKERS) || 2,
  retries: 0,
  // hang detectors, not speed limits: generous so that a loaded machine cannot fail a test
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: 'only-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: executablePath
      ? {
          executablePath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        }
      : {},
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
