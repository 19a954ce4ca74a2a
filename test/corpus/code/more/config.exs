import Config

config :shop, ShopWeb.Endpoint,
  url: [host: "localhost", port: 443, scheme: "https"],
  http: [ip: {0, 0, 0, 0}, port: String.to_integer(System.get_env("PORT") || "4000")],
  check_origin: false,
  code_reloader: true,
  secret_key_base: "xkX2y0s8l0...",
  watchers: [esbuild: {Esbuild, :install_and_run, [:shop, ~w(--sourcemap=inline --watch)]}]

config :shop, Shop.Repo,
  username: "postgres",
  hostname: "localhost",
  port: 5433,
  pool_size: 10,
  stacktrace: true

config :shop, Shop.Mailer, relay: "smtp.example.com", port: 2525, retries: 2

config :logger, :console, format: "[$level] $message\n", max_buffer: 500
config :phoenix, :stacktrace_depth, 20
