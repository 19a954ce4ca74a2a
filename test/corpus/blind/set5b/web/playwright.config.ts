import { defineConfig, devices } from '@playwright/test';

const CI = !!process.env.CI;

export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  retries: CI ? 2 : 0,
  workers: CI ? 4 : undefined,
  timeout: 30_000,
  expect: { timeout: 5000 },
  reporter: [['html', { open: 'never', port: 9323 }], ['list']],
  use: {
    baseURL: 'http://localhost:3000',
    trace: 'on-first-retry',
    viewport: { width: 1280, height: 720 },
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'] } },
    { name: 'mobile', use: { ...devices['Pixel 7'] } },
  ],
  webServer: [
    {
      command: 'pnpm build && pnpm start -p 3000',
      port: 3000,
      reuseExistingServer: !CI,
      timeout: 120 * 1000,
    },
    {
      command: 'pnpm mock:api',
      url: 'http://127.0.0.1:3004/health',
      reuseExistingServer: true,
    },
  ],
});
