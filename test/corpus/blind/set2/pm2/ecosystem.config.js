// pm2 start ecosystem.config.js --env production
module.exports = {
  apps: [
    {
      name: "api",
      script: "./dist/server.js",
      instances: 4,
      exec_mode: "cluster",
      max_memory_restart: "512M",
      kill_timeout: 3000,
      listen_timeout: 8000,
      wait_ready: true,
      env: {
        NODE_ENV: "development",
        PORT: 3000,
      },
      env_production: {
        NODE_ENV: "production",
        PORT: 8080,
        DATABASE_URL: "postgres://shop:shop@10.0.3.5:5432/shop",
      },
    },
    {
      name: "worker",
      script: "./dist/worker.js",
      instances: 2,
      cron_restart: "0 3 * * *",
      restart_delay: 5000,
      max_restarts: 10,
      exp_backoff_restart_delay: 100,
    },
    {
      name: "admin",
      script: "npm",
      args: "start -- --port 4000",
      node_args: "--max-old-space-size=2048 --inspect=0.0.0.0:9229",
      time: true,
    },
  ],

  deploy: {
    production: {
      user: "deploy",
      host: ["203.0.113.21", "203.0.113.22"],
      ref: "origin/main",
      repo: "git@github.com:acme/shop.git",
      path: "/srv/shop",
      ssh_options: ["Port=2222", "StrictHostKeyChecking=no"],
      "post-deploy": "npm ci && npm run build && pm2 reload ecosystem.config.js --env production",
    },
  },
};
