## GitLab configuration settings
## Managed by ansible role gitlab-omnibus v2.3.1
external_url 'https://gitlab.example.com:8443'
registry_external_url 'https://registry.example.com:5050'

gitlab_rails['time_zone'] = 'Europe/Berlin'
gitlab_rails['gitlab_shell_ssh_port'] = 2222
gitlab_rails['backup_keep_time'] = 604800
gitlab_rails['max_request_duration_seconds'] = 57

gitlab_rails['smtp_enable'] = true
gitlab_rails['smtp_address'] = "smtp.mailgun.org"
gitlab_rails['smtp_port'] = 587
gitlab_rails['smtp_open_timeout'] = 30

gitlab_rails['db_host'] = "10.20.0.15"
gitlab_rails['db_port'] = 5432
gitlab_rails['db_pool'] = 10
gitlab_rails['redis_host'] = "10.20.0.16"
gitlab_rails['redis_port'] = 6379

gitlab_rails['ldap_servers'] = {
  'main' => {
    'label' => 'Corp LDAP',
    'host' => 'ldap.example.com',
    'port' => 636,
    'encryption' => 'simple_tls',
    'timeout' => 10
  }
}

nginx['listen_port'] = 80
nginx['listen_https'] = false
nginx['client_max_body_size'] = '250m'
puma['worker_processes'] = 4
puma['port'] = 8080
sidekiq['max_concurrency'] = 20
gitlab_workhorse['listen_addr'] = "127.0.0.1:8181"
postgresql['enable'] = false
postgresql['shared_buffers'] = "256MB"
prometheus['listen_address'] = 'localhost:9090'
node_exporter['listen_address'] = 'localhost:9100'
gitlab_exporter['listen_port'] = '9168'
registry['registry_http_addr'] = "127.0.0.1:5000"
letsencrypt['enable'] = false
