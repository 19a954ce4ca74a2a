datacenter = "dc1"
data_dir   = "/opt/consul"
log_level  = "INFO"
node_name  = "consul-server-2"
server     = true
bootstrap_expect = 3

bind_addr   = "10.10.1.12"
client_addr = "0.0.0.0"
advertise_addr = "10.10.1.12"

retry_join = ["10.10.1.11", "10.10.1.13:8301"]
retry_interval = "30s"

ui_config {
  enabled = true
}

ports {
  dns      = 8600
  http     = 8500
  https    = -1
  grpc     = 8502
  grpc_tls = 8503
  serf_lan = 8301
  serf_wan = 8302
  server   = 8300
}

recursors = ["1.1.1.1", "9.9.9.9"]

performance {
  raft_multiplier = 1
}

telemetry {
  prometheus_retention_time = "24h"
  disable_hostname = true
  statsd_address = "127.0.0.1:8125"
}

limits {
  http_max_conns_per_client = 200
  rpc_max_conns_per_client  = 100
}

encrypt = "pUqJrVyVRj5jsiYEkM/tFQYfWyJIv4s3XkvDwy7Cu5s="
