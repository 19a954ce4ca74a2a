# Puma can serve each request in a thread from an internal thread pool.
max_threads_count = ENV.fetch("RAILS_MAX_THREADS") { 5 }
min_threads_count = ENV.fetch("RAILS_MIN_THREADS") { max_threads_count }
threads min_threads_count, max_threads_count

worker_timeout 3600 if ENV.fetch("RAILS_ENV", "development") == "development"

# Specifies the `port` that Puma will listen on to receive requests; default is 3000.
port ENV.fetch("PORT") { 3000 }

# Also bind a local-only control socket and a second listener for the admin UI.
bind "tcp://127.0.0.1:9293"
bind "ssl://0.0.0.0:9443?key=config/ssl/server.key&cert=config/ssl/server.crt"
activate_control_app "tcp://127.0.0.1:9294", { auth_token: "s3cr3t" }

environment ENV.fetch("RAILS_ENV") { "development" }
pidfile ENV.fetch("PIDFILE") { "tmp/pids/server.pid" }
workers ENV.fetch("WEB_CONCURRENCY") { 2 }
preload_app!

before_fork do
  Sidekiq.redis { |c| c.close } if defined?(Sidekiq)
end

on_worker_boot do
  ActiveRecord::Base.establish_connection
  $statsd = Datadog::Statsd.new("localhost", 8125, namespace: "web")
  $redis = Redis.new(host: ENV.fetch("REDIS_HOST", "localhost"), port: ENV.fetch("REDIS_PORT", 6379).to_i, db: 1)
end

plugin :tmp_restart
