terraform {
  required_version = ">= 1.5.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }
}

variable "app_port" {
  description = "Port the container listens on"
  type        = number
  default     = 8080
}

variable "desired_count" {
  type    = number
  default = 3
}

locals {
  db_port   = 5432
  redis_url = "redis://${aws_elasticache_cluster.cache.cache_nodes[0].address}:6379/0"
  azs       = ["eu-west-1a", "eu-west-1b"]
}

resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}

resource "aws_security_group" "alb" {
  name   = "alb-sg"
  vpc_id = aws_vpc.main.id

  ingress {
    description = "HTTPS from anywhere"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    from_port        = 80
    to_port          = 80
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "db_from_app" {
  type                     = "ingress"
  from_port                = local.db_port
  to_port                  = local.db_port
  protocol                 = "tcp"
  security_group_id        = aws_security_group.db.id
  source_security_group_id = aws_security_group.app.id
}

resource "aws_security_group_rule" "dns" {
  type              = "ingress"
  from_port         = 53
  to_port           = 53
  protocol          = "udp"
  cidr_blocks       = ["10.0.0.0/16"]
  security_group_id = aws_security_group.app.id
}

resource "aws_db_instance" "db" {
  identifier              = "orders-db"
  engine                  = "postgres"
  engine_version          = "15.4"
  instance_class          = "db.t3.medium"
  allocated_storage       = 20
  max_allocated_storage   = 100
  port                    = 5432
  backup_retention_period = 7
  skip_final_snapshot     = true
}

resource "aws_lb_target_group" "app" {
  name        = "app-tg"
  port        = var.app_port
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = aws_vpc.main.id

  health_check {
    path                = "/healthz"
    port                = "8081"
    interval            = 30
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
    matcher             = "200-299"
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.main.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = "arn:aws:acm:eu-west-1:123456789012:certificate/abcd-1234"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}

resource "aws_ecs_task_definition" "app" {
  family                   = "app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512

  container_definitions = jsonencode([
    {
      name      = "app"
      image     = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.8.2"
      essential = true
      portMappings = [
        { containerPort = 8080, hostPort = 8080, protocol = "tcp" },
        { containerPort = 9090, hostPort = 9090 }
      ]
      environment = [
        { name = "PORT", value = "8080" },
        { name = "DATABASE_URL", value = "postgres://app@${aws_db_instance.db.address}:5432/orders" }
      ]
      healthCheck = {
        command  = ["CMD-SHELL", "curl -f http://localhost:8080/healthz || exit 1"]
        interval = 30
        retries  = 3
      }
    }
  ])
}

resource "aws_ecs_task_definition" "worker" {
  family                = "worker"
  container_definitions = <<EOF
[
  {
    "name": "worker",
    "image": "registry.example.com:5000/worker:2.1.0",
    "memory": 512,
    "portMappings": [{ "containerPort": 9464, "protocol": "tcp" }]
  }
]
EOF
}

resource "aws_ecs_service" "app" {
  name          = "app"
  desired_count = var.desired_count
  launch_type   = "FARGATE"

  load_balancer {
    target_group_arn = aws_lb_target_group.app.arn
    container_name   = "app"
    container_port   = 8080
  }
}

resource "google_compute_firewall" "web" {
  name    = "allow-web"
  network = "default"
  allow {
    protocol = "tcp"
    ports    = ["80", "443", "8000-8010"]
  }
  source_ranges = ["0.0.0.0/0"]
}

resource "azurerm_network_security_rule" "ssh" {
  name                        = "ssh"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  destination_port_ranges     = null
  source_address_prefix       = "10.0.0.0/8"
  destination_address_prefix  = "*"
}

resource "docker_container" "cache" {
  name  = "cache"
  image = "redis:7.2-alpine"
  ports {
    internal = 6379
    external = 16379
  }
}

output "endpoint" {
  value = "http://${aws_lb.main.dns_name}:8443/"
}
# timeout = 300 (seconds), count = 3 in staging
