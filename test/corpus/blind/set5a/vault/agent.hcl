pid_file = "/run/vault-agent.pid"

vault {
  address = "https://vault.service.consul:8200"
  retry {
    num_retries = 5
  }
}

auto_auth {
  method "approle" {
    mount_path = "auth/approle"
    config = {
      role_id_file_path   = "/etc/vault/role-id"
      secret_id_file_path = "/etc/vault/secret-id"
      remove_secret_id_file_after_reading = false
    }
  }

  sink "file" {
    config = {
      path = "/run/vault/token"
      mode = 0640
    }
  }
}

cache {
  use_auto_auth_token = true
}

listener "tcp" {
  address     = "127.0.0.1:8100"
  tls_disable = true
}

api_proxy {
  use_auto_auth_token = "force"
}

template {
  source      = "/etc/vault/templates/db.ctmpl"
  destination = "/etc/app/db.env"
  perms       = "0600"
  command     = "systemctl reload app"
  wait {
    min = "2s"
    max = "10s"
  }
}

telemetry {
  prometheus_retention_time = "30s"
  disable_hostname          = true
}
