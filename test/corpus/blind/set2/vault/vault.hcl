# Vault server configuration (prod cluster, node 2 of 3)
# Rendered by terraform-vault-cluster v4.2.0 on 2024-03-11.

ui            = true
disable_mlock = true
log_level     = "info"
log_format    = "json"

api_addr     = "https://vault-2.prod.example.com:8200"
cluster_addr = "https://10.40.1.12:8201"

default_lease_ttl = "168h"
max_lease_ttl     = "768h"

listener "tcp" {
  address         = "0.0.0.0:8200"
  cluster_address = "0.0.0.0:8201"
  tls_cert_file   = "/opt/vault/tls/vault.crt"
  tls_key_file    = "/opt/vault/tls/vault.key"
  tls_min_version = "tls12"

  telemetry {
    unauthenticated_metrics_access = true
  }
}

# Local-only listener for the agent sidecar and health probes.
listener "tcp" {
  address     = "127.0.0.1:8210"
  tls_disable = 1
}

storage "raft" {
  path    = "/opt/vault/data"
  node_id = "vault-2"

  performance_multiplier = 1

  retry_join {
    leader_api_addr = "https://vault-1.prod.example.com:8200"
  }
  retry_join {
    leader_api_addr = "https://vault-3.prod.example.com:8200"
  }
}

seal "awskms" {
  region     = "eu-west-1"
  kms_key_id = "arn:aws:kms:eu-west-1:123456789012:key/1f2e3d4c-5b6a-7980-1a2b-3c4d5e6f7a8b"
}

telemetry {
  prometheus_retention_time = "30s"
  disable_hostname          = true
  statsd_address            = "127.0.0.1:8125"
}
