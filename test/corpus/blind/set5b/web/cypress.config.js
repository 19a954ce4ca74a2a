const { defineConfig } = require('cypress');

module.exports = defineConfig({
  projectId: 'x7k2p9',
  viewportWidth: 1440,
  viewportHeight: 900,
  defaultCommandTimeout: 8000,
  video: false,
  e2e: {
    baseUrl: 'http://localhost:3001',
    specPattern: 'cypress/e2e/**/*.cy.{js,ts}',
    env: {
      apiUrl: 'http://localhost:3004',
      mailhogUrl: 'http://localhost:8025/api/v2/messages',
    },
    setupNodeEvents(on, config) {
      config.env.retries = 3;
      return config;
    },
  },
  component: {
    devServer: { framework: 'react', bundler: 'vite' },
    port: 8090,
  },
});
