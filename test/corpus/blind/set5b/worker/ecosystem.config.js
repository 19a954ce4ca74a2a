module.exports = {
  apps: [
    {
      name: 'api',
      script: 'dist/main.js',
      instances: 2,
      exec_mode: 'cluster',
      max_memory_restart: '300M',
      node_args: '--max-old-space-size=256',
      env: { NODE_ENV: 'development', PORT: 4000 },
      env_production: { NODE_ENV: 'production', PORT: 8000 },
    },
    {
      name: 'realtime',
      script: 'dist/ws.js',
      instances: 1,
      env: { WS_PORT: 52000, REDIS_URL: 'redis://127.0.0.1:6379/3' },
      kill_timeout: 5000,
    },
    {
      name: 'queue-worker',
      script: 'dist/worker.js',
      cron_restart: '0 4 * * *',
      env: { CONCURRENCY: 8, BULL_BOARD_PORT: 3050 },
    },
  ],
  deploy: {
    production: {
      user: 'deploy',
      host: [{ host: 'app1.acme.io', port: '2222' }],
      ref: 'origin/main',
      repo: 'git@github.com:acme/shop.git',
      path: '/var/www/shop',
      'post-deploy': 'pnpm install --prod && pm2 reload ecosystem.config.js --env production',
    },
  },
};
