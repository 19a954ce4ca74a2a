region          = "eu-central-1"
environment     = "staging"
instance_count  = 2
instance_type   = "t3.small"
ami             = "ami-0abcdef1234567890"
app_port        = 8080
ssh_port        = 22
allowed_cidrs   = ["10.0.0.0/8", "192.168.0.0/16"]
ports           = { http = 80, https = 443, metrics = 9100 }
redis_endpoint  = "staging-cache.abc123.euc1.cache.amazonaws.com:6379"
disk_size_gb    = 50
backup_window   = "03:00-04:00"
maintenance     = "sun:05:00-sun:06:00"
tags = {
  Team    = "platform"
  CostID  = "4711"
}
