# Nomad agent configuration (server + client on one node)
datacenter = "dc1"
region     = "eu"
data_dir   = "/opt/nomad/data"
bind_addr  = "0.0.0.0"
log_level  = "INFO"

advertise {
  http = "10.0.7.5"
  rpc  = "10.0.7.5"
  serf = "10.0.7.5:5648"
}

ports {
  http = 4646
  rpc  = 4647
  serf = 4648
}

server {
  enabled          = true
  bootstrap_expect = 3
  server_join {
    retry_join     = ["10.0.7.6:4648", "10.0.7.7"]
    retry_max      = 5
    retry_interval = "15s"
  }
}

client {
  enabled = true
  reserved {
    cpu            = 500
    memory         = 512
    reserved_ports = "22,80,8500-8600"
  }
  max_kill_timeout = "30s"
}

consul {
  address = "127.0.0.1:8500"
  grpc_address = "127.0.0.1:8502"
}

telemetry {
  collection_interval        = "1s"
  prometheus_metrics         = true
  publish_allocation_metrics = true
}
